// Walks `orchestrator serve` with LangChain JS (npm: @langchain/openai, @langchain/core).
// Same environment variables as openai-node.mjs.
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage, AIMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { baseURL, apiKey, question, step, expectError, assert, finish } from './common.mjs';

const keyed = process.env.ORCH_KEYED === '1';
const chat = (options = {}) => new ChatOpenAI({ model: 'orchestrator', apiKey, configuration: { baseURL }, maxRetries: 0, ...options });

if (!keyed) {
  await step('invoke', async () => {
    const m = await chat().invoke(question);
    assert(typeof m.content === 'string' && m.content.length > 0, 'text');
    return { finish: m.response_metadata?.finish_reason, usage: m.usage_metadata, model: m.response_metadata?.model_name };
  });

  await step('invoke with temperature, maxTokens, stop, user, seed, system + history', async () => {
    const m = await chat({ temperature: 0.2, maxTokens: 200, stop: ['END'], modelKwargs: { user: 'u-1', seed: 3 } }).invoke([
      new SystemMessage('Answer briefly.'), new HumanMessage('hi'), new AIMessage('hello'), new HumanMessage(question),
    ]);
    return { finish: m.response_metadata?.finish_reason };
  });

  await step('invoke with the extra field (__includeRawResponse)', async () => {
    const m = await chat({ __includeRawResponse: true }).invoke(question);
    const raw = m.additional_kwargs?.__raw_response;
    return { route: raw?.orchestrator?.route?.agent ?? '(not exposed)' };
  });

  await step('stream (streamUsage)', async () => {
    let text = ''; let usage; let finishReason;
    for await (const chunk of await chat({ streamUsage: true }).stream(question)) {
      text += typeof chunk.content === 'string' ? chunk.content : '';
      usage ??= chunk.usage_metadata;
      finishReason ??= chunk.response_metadata?.finish_reason;
    }
    assert(text.length > 0, 'text');
    return { chars: text.length, finish: finishReason, usage };
  });

  await step('bindTools + invoke (tool_choice auto)', async () => {
    const m = await chat().bindTools([{ type: 'function', function: { name: 'lookup', description: 'Looks up', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }]).invoke(question);
    return { toolCalls: m.tool_calls?.length ?? 0, chars: String(m.content).length };
  });

  // Structured output cannot be honoured: a 400 naming tool_choice or response_format (a 200 with prose before:
  // functionCalling then returned undefined without an error, the JSON methods failed to parse).
  for (const method of ['functionCalling', 'jsonMode', 'jsonSchema']) {
    await expectError(`withStructuredOutput (${method})`, () => chat().withStructuredOutput(z.object({ days: z.number() }), { method }).invoke(question), { status: 400 });
  }

  await expectError('unknown model', () => chat({ model: 'gpt-4o' }).invoke(question), { status: 400 });
  await expectError('stream with unknown model', async () => { for await (const _ of await chat({ model: 'gpt-4o' }).stream(question)) { /* drain */ } }, { status: 400 });
  await expectError('oversized body', () => chat().invoke('x'.repeat(2_000_000)), { status: 413 });

  await step('abort a stream mid-way (signal), then the server still answers', async () => {
    const controller = new AbortController();
    let seen = 0;
    try { for await (const _ of await chat().stream(question, { signal: controller.signal })) { if (++seen === 2) controller.abort(); } } catch (err) { /* aborted */ }
    const m = await chat().invoke(question);
    return { chunksBeforeAbort: seen, after: m.response_metadata?.finish_reason };
  });
} else {
  await step('keyed: invoke with the right key', async () => (await chat().invoke(question)).response_metadata?.finish_reason);
  await expectError('keyed: wrong API key', () => chat({ apiKey: 'wrong' }).invoke(question), { status: 401 });
  await expectError('keyed: rate limited (maxRetries 0)', async () => { for (let i = 0; i < 20; i++) await chat().invoke(question); }, { status: 429 });
  await step('keyed: rate limited, default retries', async () => {
    const started = Date.now();
    try {
      const m = await chat({ maxRetries: 6 }).invoke(question);
      return { finish: m.response_metadata?.finish_reason, waitedSeconds: Math.round((Date.now() - started) / 1000) };
    } catch (err) {
      throw new Error(`gave up after ${Math.round((Date.now() - started) / 1000)} s: ${err.message}`);
    }
  });
}

finish('langchain');
