// Shared helpers for the client walks: where the server is, and a tiny check/report harness.
export const baseURL = process.env.ORCH_BASE_URL ?? 'http://127.0.0.1:5080/v1';
export const apiKey = process.env.ORCH_API_KEY ?? 'no-key-on-loopback';
export const question = 'How many vacation days do I get?';

let failures = 0;

/** Runs one named step; prints "ok" or "FAIL" with the error's class, status and message. */
export async function step(name, fn) {
  try {
    const detail = await fn();
    console.log(`ok    ${name}${detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
  } catch (err) {
    failures++;
    console.log(`FAIL  ${name}: ${describe(err)}`);
  }
}

/** Expects fn to throw; prints what the client surfaced (class, status, message) and checks it leaks nothing. */
export async function expectError(name, fn, { status } = {}) {
  try {
    await fn();
    failures++;
    console.log(`FAIL  ${name}: no error was raised`);
  } catch (err) {
    const text = describe(err);
    const leaks = /\bat [\w.<>]+\(|Exception|\/work\/|\.cs:line|ORCHESTRATOR_[A-Z_]+/.test(String(err?.message ?? '') + JSON.stringify(err?.error ?? err?.responseBody ?? ''));
    const statusOf = err?.status ?? err?.statusCode ?? err?.lastError?.statusCode ?? err?.cause?.status;
    const good = !leaks && (status === undefined || statusOf === status);
    if (!good) failures++;
    console.log(`${good ? 'ok  ' : 'FAIL'}  ${name}: ${text}${leaks ? ' [LEAKS INTERNALS]' : ''}${status !== undefined && statusOf !== status ? ` [expected status ${status}, got ${statusOf}]` : ''}`);
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export function describe(err) {
  const status = err?.status ?? err?.statusCode ?? err?.lastError?.statusCode;
  const message = String(err?.message ?? err).split('\n')[0].slice(0, 300);
  return `${err?.constructor?.name ?? typeof err}${status ? ` ${status}` : ''}: ${message}`;
}

export function finish(client) {
  console.log(failures === 0 ? `${client}: all steps passed` : `${client}: ${failures} step(s) failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}
