// Aborts a streamed request 2 s in with each client's AbortController support, then checks that
// the server still answers. Point ORCH_ABORT_MODEL (default "writer") at an agent whose model is
// slow-upstream.mjs (see README.md here); that script's log shows when the orchestrator dropped its
// upstream call, i.e. whether the server stopped the work. ORCH_ABORT_PROMPT changes the question (with
// ORCH_ABORT_MODEL=cloud, a policy question streams the slow cloud answer word by word).
import OpenAI from 'openai';
import { streamText } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { ChatOpenAI } from '@langchain/openai';
import { baseURL, apiKey, question, step, assert, finish } from './common.mjs';

const model = process.env.ORCH_ABORT_MODEL ?? 'writer';
const prompt = process.env.ORCH_ABORT_PROMPT ?? 'Draft an email to my team announcing the office move';
const pause = ms => new Promise(resolve => setTimeout(resolve, ms));

async function stillHealthy() {
  const health = await fetch(new URL('../healthz', `${baseURL}/`));
  const r = await new OpenAI({ baseURL, apiKey, maxRetries: 0 }).chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }] });
  assert(health.status === 200 && r.choices[0].finish_reason === 'stop', 'healthy after the abort');
}

async function walk(name, consume) {
  await step(`${name}: abort 2 s into a streamed request`, async () => {
    const controller = new AbortController();
    const started = Date.now();
    const timer = setTimeout(() => controller.abort(), 2000);
    let chunks = 0;
    try {
      await consume(controller.signal, () => { chunks++; });
    } catch (err) {
      assert(controller.signal.aborted, `failed before the abort: ${err.message}`);
    } finally {
      clearTimeout(timer);
    }
    assert(controller.signal.aborted, `the answer completed before the abort (${chunks} chunks); use a slower model`);
    const abortedAt = new Date(started + 2000).toISOString();
    await pause(1500);
    await stillHealthy();
    return { chunksBeforeAbort: chunks, abortedAt };
  });
}

await walk('openai-node', async (signal, onChunk) => {
  const s = await new OpenAI({ baseURL, apiKey, maxRetries: 0 }).chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: prompt }] }, { signal });
  for await (const _ of s) onChunk();
});
await walk('vercel-ai', async (signal, onChunk) => {
  const r = streamText({ model: createOpenAICompatible({ name: 'o', baseURL, apiKey }).chatModel(model), prompt, abortSignal: signal, maxRetries: 0, onError: () => {} });
  for await (const _ of r.fullStream) onChunk();
});
await walk('langchain', async (signal, onChunk) => {
  for await (const _ of await new ChatOpenAI({ model, apiKey, configuration: { baseURL }, maxRetries: 0 }).stream(prompt, { signal })) onChunk();
});

finish('abort');
