// Walks `orchestrator serve` with the official OpenAI Node SDK (npm: openai).
// ORCH_BASE_URL (default http://127.0.0.1:5080/v1), ORCH_API_KEY; ORCH_KEYED=1 when the server has
// server.api_keys and a rate limit configured (see README.md here), which adds the auth and 429 steps.
import OpenAI from 'openai';
import { baseURL, apiKey, question, step, expectError, assert, finish } from './common.mjs';

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const keyed = process.env.ORCH_KEYED === '1';

if (keyed) {
  await step('keyed: plain chat with the right key', async () => (await client.chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }] })).choices[0].finish_reason);
  await expectError('wrong API key', () => new OpenAI({ baseURL, apiKey: 'wrong-key', maxRetries: 0 }).chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }] }), { status: 401 });
  await step('rate limit: 429 surfaces as RateLimitError; default retries honour Retry-After', async () => {
    const burst = Number(process.env.ORCH_BURST ?? 3);
    let limited;
    for (let i = 0; i < burst + 2 && !limited; i++) {
      try { await client.models.list(); } catch (err) { limited = err; }
    }
    assert(limited, 'no 429 after the burst');
    assert(limited.status === 429 && limited.constructor.name === 'RateLimitError', `got ${limited.constructor.name}`);
    const retryAfter = limited.headers?.get?.('retry-after') ?? limited.headers?.['retry-after'];
    return { status: limited.status, class: limited.constructor.name, retryAfter, message: limited.message };
  });
  await step('rate limited, default client (maxRetries 2) waits for Retry-After and succeeds', async () => {
    const started = Date.now();
    const r = await new OpenAI({ baseURL, apiKey }).chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }] });
    return { finish: r.choices[0].finish_reason, waitedSeconds: Math.round((Date.now() - started) / 1000) };
  });
  finish('openai-node (keyed)');
  process.exit();
}

await step('chat.completions.create (plain)', async () => {
  const r = await client.chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }] });
  assert(r.object === 'chat.completion', 'object');
  assert(r.choices[0].message.content.length > 0, 'text');
  assert(r.choices[0].finish_reason === 'stop', 'finish_reason');
  assert(typeof r.usage.total_tokens === 'number', 'usage');
  assert(r.orchestrator?.route?.agent, 'orchestrator.route');
  return { model: r.model, finish: r.choices[0].finish_reason, usage: r.usage, route: r.orchestrator.route.agent };
});

await step('withResponse: x-orchestrator-* headers', async () => {
  const { response } = await client.chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }] }).withResponse();
  assert(response.headers.get('x-orchestrator-route'), 'route header');
  return { route: response.headers.get('x-orchestrator-route'), escalated: response.headers.get('x-orchestrator-escalated') };
});

await step('stream + include_usage', async () => {
  const stream = await client.chat.completions.create({
    model: 'orchestrator', messages: [{ role: 'user', content: question }], stream: true, stream_options: { include_usage: true },
  });
  let text = ''; let finish; let usage; let extra; let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta?.content ?? '';
    finish ??= chunk.choices[0]?.finish_reason ?? undefined;
    usage ??= chunk.usage ?? undefined;
    extra ??= chunk.orchestrator;
  }
  assert(text.length > 0 && finish === 'stop' && usage && extra, 'stream content, finish, usage, orchestrator');
  return { chunks, chars: text.length, finish, usage, route: extra.route.agent };
});

await step('stream helper (chat.completions.stream) finalChatCompletion', async () => {
  const runner = client.chat.completions.stream({ model: 'orchestrator', messages: [{ role: 'user', content: question }], stream_options: { include_usage: true } });
  const final = await runner.finalChatCompletion();
  assert(final.choices[0].message.content.length > 0, 'text');
  return { finish: final.choices[0].finish_reason, usage: final.usage };
});

await step('models.list', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert(ids.includes('orchestrator'), 'orchestrator listed');
  return ids;
});

await step('models.retrieve', async () => {
  const m = await client.models.retrieve('hr-policy');
  assert(m.id === 'hr-policy' && m.object === 'model', 'model object');
  return m;
});

const common = {
  'user': { user: 'u-42' },
  'n: 1': { n: 1 },
  'temperature': { temperature: 0.2 },
  'max_tokens': { max_tokens: 256 },
  'max_completion_tokens': { max_completion_tokens: 256 },
  'response_format text': { response_format: { type: 'text' } },
  'tools + tool_choice auto': { tools: [{ type: 'function', function: { name: 'lookup', description: 'Looks up', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }], tool_choice: 'auto' },
  'tool_choice none': { tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }], tool_choice: 'none' },
  'parallel_tool_calls': { tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }], parallel_tool_calls: false },
  'seed': { seed: 7 },
  'stop (string)': { stop: '\n\n' },
  'stop (array)': { stop: ['END'] },
  'logprobs: false': { logprobs: false },
  'top_logprobs absent, logprobs null': { logprobs: null },
  'presence/frequency_penalty': { presence_penalty: 0, frequency_penalty: 0 },
  'logit_bias': { logit_bias: {} },
  'metadata': { metadata: { team: 'hr' } },
  'store': { store: false },
  'reasoning_effort': { reasoning_effort: 'low' },
  'service_tier': { service_tier: 'auto' },
  'modalities': { modalities: ['text'] },
  'prediction': { prediction: { type: 'content', content: 'x' } },
  'web_search_options': { web_search_options: {} },
  'verbosity': { verbosity: 'low' },
  'prompt_cache_key': { prompt_cache_key: 'k1' },
  'safety_identifier': { safety_identifier: 's1' },
  'functions (deprecated)': { functions: [{ name: 'f', parameters: { type: 'object', properties: {} } }], function_call: 'auto' },
};
for (const [name, extra] of Object.entries(common)) {
  await step(`accepts ${name}`, async () => {
    const r = await client.chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }], ...extra });
    assert(r.choices[0].message.content.length > 0, 'text');
  });
}

await step('system + developer roles, text-part content arrays', async () => {
  const r = await client.chat.completions.create({
    model: 'orchestrator',
    messages: [
      { role: 'system', content: 'You are helpful.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer briefly.' }] },
      { role: 'user', content: [{ type: 'text', text: 'How many vacation' }, { type: 'text', text: 'days do I get?' }] },
    ],
  });
  return r.orchestrator.route.agent;
});

await step('assistant tool_calls turn + tool result in history', async () => {
  const r = await client.chat.completions.create({
    model: 'orchestrator',
    messages: [
      { role: 'user', content: 'look it up' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'nothing found' }] },
      { role: 'user', content: question },
    ],
  });
  return r.orchestrator.route.agent;
});

await step('assistant message with name + refusal null', async () => {
  const r = await client.chat.completions.create({
    model: 'orchestrator',
    messages: [
      { role: 'user', name: 'anna', content: 'hi' },
      { role: 'assistant', name: 'bot', content: 'hello', refusal: null },
      { role: 'user', content: question },
    ],
  });
  return r.orchestrator.route.agent;
});

// JSON output and forced tool calls cannot be honoured: a 400 naming the field (a 200 with prose before).
await expectError('response_format json_object', () => client.chat.completions.create({ model: 'orchestrator', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: question }] }), { status: 400 });
await expectError('response_format json_schema', () => client.chat.completions.create({ model: 'orchestrator', response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object', properties: { answer: { type: 'string' } } } } }, messages: [{ role: 'user', content: question }] }), { status: 400 });
await expectError('tool_choice required', () => client.chat.completions.create({ model: 'orchestrator', tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }], tool_choice: 'required', messages: [{ role: 'user', content: question }] }), { status: 400 });
await step('Responses API: responses.create (plain)', async () => {
  const r = await client.responses.create({ model: 'orchestrator', input: question, instructions: 'Answer briefly.' });
  assert(r.object === 'response' && r.status === 'completed', 'object/status');
  assert(r.output_text.length > 0, 'output_text');
  assert(r.orchestrator?.route?.agent, 'orchestrator.route');
  return { id: r.id.slice(0, 9), model: r.model, usage: r.usage, route: r.orchestrator.route.agent };
});
await step('Responses API: responses.stream (events, final response)', async () => {
  const stream = client.responses.stream({ model: 'orchestrator', input: [{ role: 'user', content: [{ type: 'input_text', text: question }] }] });
  const types = []; let text = '';
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') text += event.delta;
  }
  const final = await stream.finalResponse();
  assert(final.output_text === text, 'deltas join to output_text');
  return { events: types.length, first: types[0], last: types.at(-1) };
});
await expectError('Responses API: previous_response_id', () => client.responses.create({ model: 'orchestrator', input: question, previous_response_id: 'resp_1' }), { status: 400 });

await expectError('unknown model', () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }));
await expectError('models.retrieve unknown', () => client.models.retrieve('gpt-4o'), { status: 404 });
await expectError('n: 2', () => client.chat.completions.create({ model: 'orchestrator', n: 2, messages: [{ role: 'user', content: question }] }), { status: 400 });
await expectError('image part', () => client.chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }] }] }), { status: 400 });
await expectError('oversized body (2 MB)', () => client.chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }] }), { status: 413 });
await expectError('malformed JSON', () => new OpenAI({ baseURL, apiKey, maxRetries: 0, fetch: (url, init) => fetch(url, { ...init, body: '{"model":"orchestrator",' }) })
  .chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }] }), { status: 400 });
await expectError('stream with unknown model', async () => {
  const s = await client.chat.completions.create({ model: 'nope', stream: true, messages: [{ role: 'user', content: question }] });
  for await (const _ of s) { /* drain */ }
});

await step('abort a stream mid-way, then the server still answers', async () => {
  const controller = new AbortController();
  const s = await client.chat.completions.create({ model: 'orchestrator', stream: true, messages: [{ role: 'user', content: question }] }, { signal: controller.signal });
  let seen = 0;
  try {
    for await (const _ of s) { if (++seen === 2) controller.abort(); }
  } catch (err) {
    assert(err.name === 'APIUserAbortError' || err.name === 'AbortError', `abort surfaced as ${err.name}`);
  }
  const health = await fetch(new URL('../healthz', baseURL + '/'));
  const r = await client.chat.completions.create({ model: 'orchestrator', messages: [{ role: 'user', content: question }] });
  return { chunksBeforeAbort: seen, healthz: health.status, after: r.choices[0].finish_reason };
});

finish('openai-node');
