// How each client surfaces the orchestrator's mid-stream error event (`data: {"error":{...,"code":"stream_failed"}}`
// before `data: [DONE]`). Needs a server whose escalation target is slow-upstream.mjs's "breaking-upstream"
// model (see README.md here); ORCH_BREAK_MODEL names that target (default "cloud").
import OpenAI from 'openai';
import { streamText } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { baseURL, apiKey, question, expectError, finish } from './common.mjs';

const model = process.env.ORCH_BREAK_MODEL ?? 'cloud';

await expectError('openai-node: iterating the stream throws', async () => {
  const s = await new OpenAI({ baseURL, apiKey, maxRetries: 0 }).chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: question }] });
  let text = '';
  for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
  throw new Error(`no error surfaced; the text ended "${text.slice(-40)}"`);
});

for (const [label, chatModel] of [
  ['vercel-ai openai-compatible', createOpenAICompatible({ name: 'o', baseURL, apiKey, includeUsage: true }).chatModel(model)],
  ['vercel-ai @ai-sdk/openai .chat', createOpenAI({ baseURL, apiKey }).chat(model)],
]) {
  await expectError(`${label}: streamText reports an error`, async () => {
    let failure;
    const r = streamText({ model: chatModel, prompt: question, maxRetries: 0, onError: ({ error }) => { failure = error; } });
    for await (const _ of r.textStream) { /* drain */ }
    const reason = await r.finishReason;
    if (failure) throw failure;
    throw new Error(`no error surfaced; finishReason ${reason}`);
  });
}

await expectError('langchain: stream throws', async () => {
  for await (const _ of await new ChatOpenAI({ model, apiKey, configuration: { baseURL }, maxRetries: 0 }).stream(question)) { /* drain */ }
  throw new Error('no error surfaced');
});

finish('stream-error');
