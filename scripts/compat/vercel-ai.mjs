// Walks `orchestrator serve` with the Vercel AI SDK (npm: ai) through @ai-sdk/openai-compatible and
// @ai-sdk/openai (its .chat() models, and the default openai('x') model, which speaks the Responses API).
// Same environment variables as openai-node.mjs.
import { generateText, streamText, generateObject } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOpenAI } from '@ai-sdk/openai';
import { z } from 'zod';
import { baseURL, apiKey, question, step, expectError, assert, finish } from './common.mjs';

// The orchestrator's extra `orchestrator` field, read through the provider's metadata hook.
const metadataExtractor = {
  extractMetadata: async ({ parsedBody }) => ({ orchestrator: { route: parsedBody?.orchestrator?.route?.agent ?? null } }),
  createStreamExtractor: () => {
    let route = null;
    return {
      processChunk(chunk) { route ??= chunk?.orchestrator?.route?.agent ?? null; },
      buildMetadata: () => ({ orchestrator: { route } }),
    };
  },
};
const compatible = createOpenAICompatible({ name: 'orchestrator', baseURL, apiKey, includeUsage: true, metadataExtractor });
const official = createOpenAI({ baseURL, apiKey });
const keyed = process.env.ORCH_KEYED === '1';

for (const [label, model] of [['openai-compatible', compatible.chatModel('orchestrator')], ['@ai-sdk/openai .chat', official.chat('orchestrator')]]) {
  if (keyed) break;
  await step(`${label}: generateText`, async () => {
    const r = await generateText({ model, prompt: question, maxRetries: 0 });
    assert(r.text.length > 0 && r.finishReason === 'stop', 'text and finish');
    return { finish: r.finishReason, usage: r.usage, modelId: r.response.modelId, route: r.response.headers['x-orchestrator-route'], meta: r.providerMetadata?.orchestrator };
  });

  await step(`${label}: generateText with system, temperature, maxOutputTokens, seed, stop, user`, async () => {
    const r = await generateText({
      model, system: 'Answer briefly.', messages: [{ role: 'user', content: [{ type: 'text', text: question }] }],
      temperature: 0.3, maxOutputTokens: 200, seed: 1, stopSequences: ['END'], topP: 0.9, maxRetries: 0,
      providerOptions: { orchestrator: { user: 'u-1' }, openai: { user: 'u-1', parallelToolCalls: false, store: false, metadata: { a: 'b' } } },
    });
    return { finish: r.finishReason, warnings: r.warnings?.length ?? 0 };
  });

  await step(`${label}: streamText`, async () => {
    const r = streamText({ model, prompt: question, maxRetries: 0, onError: () => {} });
    let text = '';
    for await (const delta of r.textStream) text += delta;
    const finishReason = await r.finishReason;
    const usage = await r.usage;
    assert(text.length > 0 && finishReason === 'stop', `text and finish (${finishReason})`);
    return { chars: text.length, finish: finishReason, usage, meta: (await r.providerMetadata)?.orchestrator };
  });

  await step(`${label}: generateText with tools (tool_choice auto)`, async () => {
    const r = await generateText({
      model, prompt: question, maxRetries: 0,
      tools: { lookup: { description: 'Looks things up', inputSchema: z.object({ q: z.string() }) } },
    });
    return { finish: r.finishReason, toolCalls: r.toolCalls.length };
  });

  // JSON output cannot be honoured: a 400 naming response_format (a 200 with prose before, which failed to parse).
  await expectError(`${label}: generateObject (response_format json)`, () => generateObject({ model, prompt: question, schema: z.object({ days: z.number() }), maxRetries: 0 }), { status: 400 });

  await expectError(`${label}: toolChoice required`, () => generateText({
    model, prompt: question, maxRetries: 0, toolChoice: 'required',
    tools: { lookup: { description: 'Looks things up', inputSchema: z.object({ q: z.string() }) } },
  }), { status: 400 });

  await expectError(`${label}: unknown model`, () => generateText({ model: label === 'openai-compatible' ? compatible.chatModel('gpt-4o') : official.chat('gpt-4o'), prompt: question, maxRetries: 0 }), { status: 400 });

  await expectError(`${label}: streamText with unknown model`, async () => {
    let failure;
    const r = streamText({ model: label === 'openai-compatible' ? compatible.chatModel('gpt-4o') : official.chat('gpt-4o'), prompt: question, maxRetries: 0, onError: ({ error }) => { failure = error; } });
    for await (const _ of r.textStream) { /* drain */ }
    if (failure) throw failure;
  }, { status: 400 });

  await expectError(`${label}: oversized body`, () => generateText({ model, prompt: 'x'.repeat(2_000_000), maxRetries: 0 }), { status: 413 });

  await step(`${label}: abort a stream mid-way, then the server still answers`, async () => {
    const controller = new AbortController();
    const r = streamText({ model, prompt: question, abortSignal: controller.signal, maxRetries: 0, onError: () => {} });
    let seen = 0;
    try { for await (const _ of r.fullStream) { if (++seen === 2) controller.abort(); } } catch { /* aborted */ }
    const after = await generateText({ model, prompt: question, maxRetries: 0 });
    return { partsBeforeAbort: seen, after: after.finishReason };
  });
}

await step('@ai-sdk/openai default model (Responses API): generateText', async () => {
  const r = await generateText({ model: official('orchestrator'), prompt: question, maxRetries: 0 });
  assert(r.text.length > 0 && r.finishReason === 'stop', 'text and finish');
  return { finish: r.finishReason, usage: r.usage, route: r.response.headers['x-orchestrator-route'] };
});
await step('@ai-sdk/openai default model (Responses API): streamText', async () => {
  const r = streamText({ model: official('orchestrator'), system: 'Answer briefly.', prompt: question, maxRetries: 0 });
  let text = '';
  for await (const delta of r.textStream) text += delta;
  assert(text.length > 0 && (await r.finishReason) === 'stop', 'text and finish');
  return { chars: text.length, finish: await r.finishReason };
});

if (keyed) {
  const model = compatible.chatModel('orchestrator');
  await step('keyed: generateText with the right key', async () => (await generateText({ model, prompt: question, maxRetries: 0 })).finishReason);
  await expectError('keyed: wrong API key', () => generateText({ model: createOpenAICompatible({ name: 'x', baseURL, apiKey: 'wrong' }).chatModel('orchestrator'), prompt: question, maxRetries: 0 }), { status: 401 });
  await expectError('keyed: rate limited (maxRetries 0)', async () => {
    for (let i = 0; i < 20; i++) await generateText({ model, prompt: question, maxRetries: 0 });
  }, { status: 429 });
  await step('keyed: rate limited, default retries (wait for Retry-After)', async () => {
    const started = Date.now();
    const r = await generateText({ model, prompt: question, maxRetries: 2 });
    return { finish: r.finishReason, waitedSeconds: Math.round((Date.now() - started) / 1000) };
  });
}

finish('vercel-ai');
