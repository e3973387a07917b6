// The official SDKs call the DistillScope simulator exactly as user code calls the real services,
// and must get the types and error classes they would get there.
// Usage: node conformance.mjs /path/to/distillscope-cli
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import Anthropic from '@anthropic-ai/sdk';

const cli = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'ds-conformance-'));
const servers = [];
const KEY = 'sk-conformance-key';
const models = [
  { name: 'teacher', creator: 'Acme AI', style: 'structured', latency_ms: 5 },
  { name: 'student', creator: 'Beta Labs', style: 'casual', student_of: 'teacher', copy_rate: 0.8, latency_ms: 5 },
  { name: 'o3-mini', creator: 'Acme AI', style: 'terse', latency_ms: 5 },
  { name: 'thinker', creator: 'Gamma Inc', style: 'academic', reasoning: true, latency_ms: 5 },
];

/** Starts `sim serve` with the given faults; resolves to its base URL. */
function startSim(name, faults = {}, extra = {}) {
  const config = join(dir, `${name}.json`);
  writeFileSync(config, JSON.stringify({ seed: 7, require_key: KEY, models, faults, ...extra }));
  const child = spawn(cli, ['sim', 'serve', '--config', config, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`sim ${name} exited with ${code}`)));
  });
}

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push([name, true]);
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push([name, false]);
    // The whole message (an assertion's actual and expected values) and where it was thrown.
    const where = e && e.stack ? e.stack.split('\n').find((l) => l.includes('conformance.mjs')) : '';
    console.log(`FAIL ${name}: ${e && e.message ? e.message.split('\n').join(' | ') : e}${where ? ' |' + where : ''}`);
  }
}

async function rejectsWith(promise, cls, status, extra = () => {}) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
    if (status !== undefined) assert.equal(e.status, status);
    extra(e);
    return;
  }
  assert.fail(`expected ${cls.name}, the call succeeded`);
}

const question = [{ role: 'user', content: 'Explain binary search in two sentences.' }];

try {
  const base = await startSim('plain');
  const openai = new OpenAI({ apiKey: KEY, baseURL: `${base}/v1`, maxRetries: 0 });
  const claude = new Anthropic({ apiKey: KEY, baseURL: base, maxRetries: 0 });

  await check('openai: chat completion', async () => {
    const c = await openai.chat.completions.create({ model: 'teacher', messages: question, temperature: 0, max_tokens: 400 });
    assert.equal(c.object, 'chat.completion');
    assert.equal(typeof c.id, 'string');
    assert.equal(c.choices[0].message.role, 'assistant');
    assert.equal(typeof c.choices[0].message.content, 'string');
    assert.ok(c.choices[0].message.content.length > 0);
    assert.equal(c.choices[0].message.refusal, null);
    assert.equal(c.choices[0].finish_reason, 'stop');
    assert.equal(c.usage.total_tokens, c.usage.prompt_tokens + c.usage.completion_tokens);
    assert.equal(typeof c.usage.prompt_tokens_details.cached_tokens, 'number');
  });

  await check('openai: raw response carries rate-limit headers', async () => {
    const { response } = await openai.chat.completions.create({ model: 'teacher', messages: question }).withResponse();
    assert.ok(Number(response.headers.get('x-ratelimit-remaining-requests')) >= 0);
    assert.match(response.headers.get('x-ratelimit-reset-requests'), /^\d+(\.\d+)?s$/);
    assert.ok(response.headers.get('x-request-id'));
  });

  await check('openai: stream with usage', async () => {
    const stream = await openai.chat.completions.create({
      model: 'teacher', messages: question, stream: true, stream_options: { include_usage: true },
    });
    let text = '';
    let usage = null;
    let finish = null;
    let nullUsageChunks = 0;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      if (chunk.usage === null) nullUsageChunks++;
      if (chunk.usage) usage = chunk.usage;
      for (const ch of chunk.choices) {
        if (ch.delta.content) text += ch.delta.content;
        if (ch.finish_reason) finish = ch.finish_reason;
      }
    }
    const plain = await openai.chat.completions.create({ model: 'teacher', messages: question });
    assert.equal(text, plain.choices[0].message.content);
    assert.equal(finish, 'stop');
    assert.ok(usage && usage.completion_tokens > 0);
    assert.ok(nullUsageChunks > 0);
  });

  await check('openai: stop, n, max_tokens and response_format', async () => {
    const full = (await openai.chat.completions.create({ model: 'teacher', messages: question })).choices[0].message.content;
    const word = full.split(/\s+/)[3];
    const cut = await openai.chat.completions.create({ model: 'teacher', messages: question, stop: [word] });
    assert.ok(!cut.choices[0].message.content.includes(word));
    const n = await openai.chat.completions.create({ model: 'teacher', messages: question, n: 3 });
    assert.deepEqual(n.choices.map((c) => c.index), [0, 1, 2]);
    const short = await openai.chat.completions.create({ model: 'teacher', messages: question, max_tokens: 5 });
    assert.equal(short.choices[0].finish_reason, 'length');
    const js = await openai.chat.completions.create({ model: 'teacher', messages: question, response_format: { type: 'json_object' } });
    assert.equal(typeof JSON.parse(js.choices[0].message.content), 'object');
  });

  await check('openai: reasoning model rules', async () => {
    await rejectsWith(openai.chat.completions.create({ model: 'o3-mini', messages: question, max_tokens: 100 }),
      OpenAI.BadRequestError, 400, (e) => { assert.equal(e.param, 'max_tokens'); assert.equal(e.code, 'unsupported_parameter'); });
    await rejectsWith(openai.chat.completions.create({ model: 'o3-mini', messages: question, temperature: 0 }),
      OpenAI.BadRequestError, 400, (e) => assert.equal(e.code, 'unsupported_value'));
    const ok = await openai.chat.completions.create({
      model: 'o3-mini', messages: question, max_completion_tokens: 500, reasoning_effort: 'low',
    });
    assert.ok(ok.usage.completion_tokens_details.reasoning_tokens > 0);
    assert.equal(ok.choices[0].message.reasoning_content, undefined);
  });

  await check('openai: validation errors', async () => {
    await rejectsWith(openai.chat.completions.create({ model: 'teacher', messages: question, temperature: 3 }),
      OpenAI.BadRequestError, 400, (e) => assert.equal(e.param, 'temperature'));
    await rejectsWith(openai.chat.completions.create({ model: 'teacher', messages: question, bogus: 1 }), OpenAI.BadRequestError, 400);
    await rejectsWith(openai.chat.completions.create({ model: 'nope', messages: question }), OpenAI.NotFoundError, 404,
      (e) => assert.equal(e.code, 'model_not_found'));
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${base}/v1`, maxRetries: 0 });
    await rejectsWith(wrong.chat.completions.create({ model: 'teacher', messages: question }), OpenAI.AuthenticationError, 401);
    const noV1 = new OpenAI({ apiKey: KEY, baseURL: base, maxRetries: 0 });
    await rejectsWith(noV1.chat.completions.create({ model: 'teacher', messages: question }), OpenAI.NotFoundError, 404);
  });

  await check('openai: models list and retrieve', async () => {
    const ids = [];
    for await (const m of openai.models.list()) ids.push(m.id);
    assert.deepEqual(ids, models.map((m) => m.name));
    const one = await openai.models.retrieve('teacher');
    assert.equal(one.object, 'model');
    await rejectsWith(openai.models.retrieve('nope'), OpenAI.NotFoundError, 404);
  });

  await check('anthropic: message', async () => {
    const m = await claude.messages.create({ model: 'teacher', max_tokens: 400, system: 'Be brief.', messages: question });
    assert.equal(m.type, 'message');
    assert.equal(m.role, 'assistant');
    assert.equal(m.content[0].type, 'text');
    assert.ok(m.content[0].text.length > 0);
    assert.equal(m.stop_reason, 'end_turn');
    assert.equal(m.stop_sequence, null);
    assert.equal(typeof m.usage.cache_read_input_tokens, 'number');
    assert.equal(typeof m.usage.cache_creation_input_tokens, 'number');
    const { response } = await claude.messages.create({ model: 'teacher', max_tokens: 50, messages: question }).withResponse();
    assert.ok(!Number.isNaN(Date.parse(response.headers.get('anthropic-ratelimit-requests-reset'))));
  });

  await check('anthropic: stream, thinking with a signature', async () => {
    const stream = claude.messages.stream({ model: 'thinker', max_tokens: 3000, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: question });
    const final = await stream.finalMessage();
    const thinking = final.content.find((b) => b.type === 'thinking');
    assert.ok(thinking && thinking.thinking.length > 0);
    assert.ok(thinking.signature && thinking.signature.length > 20);
    const text = final.content.find((b) => b.type === 'text');
    assert.ok(text && text.text.length > 0);
    const plain = await claude.messages.create({ model: 'thinker', max_tokens: 3000, messages: question });
    assert.ok(!plain.content.some((b) => b.type === 'thinking'));
  });

  await check('anthropic: stop_sequences and max_tokens', async () => {
    const full = (await claude.messages.create({ model: 'teacher', max_tokens: 1000, messages: question })).content[0].text;
    const word = full.split(/\s+/)[3];
    const cut = await claude.messages.create({ model: 'teacher', max_tokens: 1000, messages: question, stop_sequences: [word] });
    assert.equal(cut.stop_reason, 'stop_sequence');
    assert.equal(cut.stop_sequence, word);
    const short = await claude.messages.create({ model: 'teacher', max_tokens: 5, messages: question });
    assert.equal(short.stop_reason, 'max_tokens');
  });

  await check('anthropic: validation errors', async () => {
    await rejectsWith(claude.messages.create({ model: 'teacher', max_tokens: 10, messages: [{ role: 'system', content: 'x' }, ...question] }),
      Anthropic.BadRequestError, 400, (e) => assert.equal(e.error.error.type, 'invalid_request_error'));
    await rejectsWith(claude.messages.create({ model: 'teacher', max_tokens: 10, temperature: 1.5, messages: question }), Anthropic.BadRequestError, 400);
    await rejectsWith(claude.messages.create({ model: 'thinker', max_tokens: 2000, temperature: 0, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: question }),
      Anthropic.BadRequestError, 400);
    await rejectsWith(claude.messages.create({ model: 'nope', max_tokens: 10, messages: question }), Anthropic.NotFoundError, 404);
    const wrong = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: base, maxRetries: 0 });
    await rejectsWith(wrong.messages.create({ model: 'teacher', max_tokens: 10, messages: question }), Anthropic.AuthenticationError, 401);
  });

  await check('anthropic: models paging and count_tokens', async () => {
    const ids = [];
    for await (const m of claude.models.list({ limit: 2 })) {
      assert.equal(m.type, 'model');
      assert.ok(!Number.isNaN(Date.parse(m.created_at)));
      ids.push(m.id);
    }
    assert.deepEqual(ids, models.map((m) => m.name));
    const count = await claude.messages.countTokens({ model: 'teacher', messages: question });
    assert.ok(count.input_tokens > 0);
  });

  // Every fault kind, each from its own simulator (fault rates are per server).
  const faults = {
    rate_429: { rate_429: 1, retry_after_s: 1 },
    server_500: { rate_500: 1 },
    overloaded: { rate_overloaded: 1 },
    billing: { rate_billing: 1 },
    content_filter: { rate_content_filter: 1 },
    refusal: { rate_refusal: 1 },
    empty: { rate_empty: 1 },
    malformed: { rate_malformed: 1 },
  };
  const url = {};
  for (const [name, f] of Object.entries(faults)) url[name] = await startSim(name, f);
  const oa = (name) => new OpenAI({ apiKey: KEY, baseURL: `${url[name]}/v1`, maxRetries: 0 });
  const an = (name) => new Anthropic({ apiKey: KEY, baseURL: url[name], maxRetries: 0 });
  const msg = { model: 'teacher', max_tokens: 100, messages: question };

  await check('faults: 429 is RateLimitError with retry-after and x-should-retry', async () => {
    await rejectsWith(oa('rate_429').chat.completions.create({ model: 'teacher', messages: question }), OpenAI.RateLimitError, 429,
      (e) => { assert.equal(e.headers.get('retry-after'), '1'); assert.equal(e.headers.get('x-should-retry'), 'true'); });
    await rejectsWith(an('rate_429').messages.create(msg), Anthropic.RateLimitError, 429,
      (e) => assert.equal(e.error.error.type, 'rate_limit_error'));
  });
  await check('faults: 500 and overload are InternalServerError', async () => {
    await rejectsWith(oa('server_500').chat.completions.create({ model: 'teacher', messages: question }), OpenAI.InternalServerError, 500);
    await rejectsWith(an('server_500').messages.create(msg), Anthropic.InternalServerError, 500);
    await rejectsWith(oa('overloaded').chat.completions.create({ model: 'teacher', messages: question }), OpenAI.InternalServerError, 503);
    await rejectsWith(an('overloaded').messages.create(msg), Anthropic.APIError, 529,
      (e) => assert.equal(e.error.error.type, 'overloaded_error'));
  });
  await check('faults: billing', async () => {
    await rejectsWith(oa('billing').chat.completions.create({ model: 'teacher', messages: question }), OpenAI.RateLimitError, 429,
      (e) => assert.equal(e.code, 'insufficient_quota'));
    await rejectsWith(an('billing').messages.create(msg), Anthropic.BadRequestError, 400);
  });
  await check('faults: content filter, refusal, empty answer', async () => {
    const f = await oa('content_filter').chat.completions.create({ model: 'teacher', messages: question });
    assert.equal(f.choices[0].finish_reason, 'content_filter');
    assert.equal(f.choices[0].message.content, null);
    const r = await oa('refusal').chat.completions.create({ model: 'teacher', messages: question });
    assert.equal(r.choices[0].message.content, null);
    assert.equal(typeof r.choices[0].message.refusal, 'string');
    const ar = await an('refusal').messages.create(msg);
    assert.equal(ar.stop_reason, 'refusal');
    const e = await oa('empty').chat.completions.create({ model: 'teacher', messages: question });
    assert.equal(e.choices[0].message.content, '');
  });
  await check('faults: a truncated 200 body is an error, not an answer', async () => {
    await assert.rejects(oa('malformed').chat.completions.create({ model: 'teacher', messages: question }));
    await assert.rejects(an('malformed').messages.create(msg));
  });
  await check('batches: OpenAI files + batches, Anthropic message batches', async () => {
    const bbase = await startSim('batch', {}, { batch: { duration_ms: 300 } });
    const ob = new OpenAI({ apiKey: KEY, baseURL: `${bbase}/v1`, maxRetries: 0 });
    const cb = new Anthropic({ apiKey: KEY, baseURL: bbase, maxRetries: 0 });
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const line = (id) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions',
      body: { model: 'teacher', messages: question, max_tokens: 200 } });
    const file = await ob.files.create({ file: await toFile(Buffer.from(`${line('a')}\n${line('b')}\n`), 'in.jsonl'), purpose: 'batch' });
    assert.equal(file.object, 'file');
    assert.equal(file.purpose, 'batch');
    let b = await ob.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.equal(b.object, 'batch');
    assert.equal(b.status, 'validating');
    while (!['completed', 'failed', 'expired', 'cancelled'].includes(b.status)) {
      await sleep(100);
      b = await ob.batches.retrieve(b.id);
    }
    assert.equal(b.status, 'completed');
    assert.equal(b.request_counts.completed, 2);
    const rows = (await (await ob.files.content(b.output_file_id)).text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => r.custom_id), ['a', 'b']);
    assert.equal(rows[0].response.status_code, 200);
    assert.equal(rows[0].response.body.object, 'chat.completion');
    await rejectsWith(ob.batches.create({ input_file_id: file.id, endpoint: '/v1/nope', completion_window: '24h' }), OpenAI.BadRequestError, 400);
    await rejectsWith(ob.batches.retrieve('batch_missing'), OpenAI.NotFoundError, 404);
    // Metadata is kept and listed; lists page newest first through the SDK's cursor (`after`).
    const tagged = await ob.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h',
      metadata: { distillscope_submission: 'ds-1-abc' } });
    assert.deepEqual(tagged.metadata, { distillscope_submission: 'ds-1-abc' });
    const listed = [];
    for await (const x of ob.batches.list({ limit: 1 })) listed.push(x);
    assert.deepEqual(listed.map((x) => x.id), [tagged.id, b.id]);
    assert.equal(listed[0].metadata.distillscope_submission, 'ds-1-abc');
    await rejectsWith(ob.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h',
      metadata: { n: 1 } }), OpenAI.BadRequestError, 400);
    await rejectsWith(ob.batches.list({ limit: 101 }), OpenAI.BadRequestError, 400);
    await rejectsWith(ob.files.create({ file: await toFile(Buffer.from(line('a')), 'in.txt'), purpose: 'batch' }), OpenAI.BadRequestError, 400);

    let mb = await cb.messages.batches.create({ requests: [{ custom_id: 'a', params: { model: 'teacher', max_tokens: 200, messages: question } },
      { custom_id: 'b', params: { model: 'teacher', messages: question } }] });
    assert.equal(mb.type, 'message_batch');
    assert.equal(mb.processing_status, 'in_progress');
    while (mb.processing_status !== 'ended') {
      await sleep(100);
      mb = await cb.messages.batches.retrieve(mb.id);
    }
    assert.equal(mb.request_counts.succeeded, 1);
    assert.equal(mb.request_counts.errored, 1); // max_tokens is required
    const got = [];
    for await (const r of await cb.messages.batches.results(mb.id)) got.push(r);
    assert.equal(got.length, 2);
    assert.equal(got[0].result.type, 'succeeded');
    assert.equal(got[0].result.message.type, 'message');
    assert.equal(got[1].result.type, 'errored');
    assert.equal(got[1].result.error.error.type, 'invalid_request_error');
    await rejectsWith(cb.messages.batches.create({ requests: [{ custom_id: 'bad id!', params: { model: 'teacher', max_tokens: 9, messages: question } }] }),
      Anthropic.BadRequestError, 400);
    await rejectsWith(cb.messages.batches.retrieve('msgbatch_missing'), Anthropic.NotFoundError, 404);
    const mb2 = await cb.messages.batches.create({ requests: [{ custom_id: 'c', params: { model: 'teacher', max_tokens: 20, messages: question } }] });
    const mlisted = [];
    for await (const x of cb.messages.batches.list({ limit: 1 })) mlisted.push(x);
    assert.deepEqual(mlisted.map((x) => x.id), [mb2.id, mb.id]);
  });
} finally {
  for (const s of servers) s.kill('SIGTERM');
}

const failed = results.filter(([, ok]) => !ok).length;
console.log(`conformance: ${results.length - failed}/${results.length} hold`);
process.exit(failed ? 1 : 0);
