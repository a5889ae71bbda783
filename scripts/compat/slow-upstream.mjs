// A fake OpenAI upstream for abort.mjs: a streamed call gets one sentence every 200 ms for 60 s, a plain
// call its answer after 20 s (local specialists call their model unstreamed). It logs when its caller,
// the orchestrator, goes away: "caller closed after 2,0xx ms" means the server stopped the work.
// A streamed call for model "breaking-upstream" (a cloud escalation target) sends three sentences and
// then drops the connection, to see how clients surface the orchestrator's mid-stream error event.
import http from 'node:http';

const port = Number(process.env.SLOW_UPSTREAM_PORT ?? 5081);
http.createServer((req, res) => {
  let body = '';
  req.on('data', d => { body += d; });
  req.on('end', () => {
    const started = Date.now();
    const streamed = JSON.parse(body).stream === true;
    console.log(`${new Date().toISOString()} request (${streamed ? 'streamed' : 'plain'})`);
    let done = false;
    res.on('close', () => { clearInterval(timer); clearTimeout(timer); if (!done) console.log(`${new Date().toISOString()} caller closed after ${Date.now() - started} ms, before the answer was complete`); });
    const finish = () => { done = true; console.log(`${new Date().toISOString()} answered in full after ${Date.now() - started} ms`); };
    let timer;
    if (streamed && JSON.parse(body).model === 'breaking-upstream') {
      // Breaks mid-answer: three sentences, then the connection drops (the orchestrator's stream_failed path).
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const words of ['You get 25 days. ', 'Part-timers get a share. ', 'Up to 5 days carry over. ']) {
        res.write(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'breaking-upstream', choices: [{ index: 0, delta: { content: words }, finish_reason: null }] })}\n\n`);
      }
      timer = setTimeout(() => { done = true; console.log(`${new Date().toISOString()} broke the stream on purpose`); res.destroy(); }, 300);
    } else if (streamed) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      timer = setInterval(() => {
        if (i++ >= 300) { finish(); res.end('data: [DONE]\n\n'); clearInterval(timer); return; }
        res.write(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'slow-upstream', choices: [{ index: 0, delta: { content: `Point ${i} of the answer. ` }, finish_reason: null }] })}\n\n`);
      }, 200);
    } else {
      timer = setTimeout(() => {
        finish();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'slow-upstream', choices: [{ index: 0, message: { role: 'assistant', content: 'Subject: office move. Hi team, we move on Monday.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 12, total_tokens: 22 } }));
      }, 20_000);
    }
  });
}).listen(port, '127.0.0.1', () => console.log(`slow upstream on http://127.0.0.1:${port}/v1`));
