import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { LanguageModelEvent, ToolDefinition } from '../../../../engine/llm/language-model.ts';
import { createOpenAILanguageModel } from '../../../../engine/llm/openai/create-openai-language-model.ts';
import type { OpenAILanguageModelOptions, OpenAIRetry } from '../../../../engine/llm/openai/openai-language-model-options.ts';
import { type StandInServer, startStandInServer } from './stand-in-openai-server.ts';

const collect = async (events: AsyncIterable<LanguageModelEvent>) => {
  const out: LanguageModelEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
};
const textOf = (events: readonly LanguageModelEvent[]) => events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
const hi = [{ role: 'user' as const, content: 'hi' }];

const orderTool: ToolDefinition = {
  name: 'get_order_status',
  description: 'Looks up an order',
  parameters: {
    type: 'object',
    properties: { order_id: { type: 'string', pattern: '^\\d{5}$' } },
    required: ['order_id'],
    additionalProperties: false,
  },
};

describe('the openai backend against a stand-in server', () => {
  let server: StandInServer;
  let retries: OpenAIRetry[];
  const model = (options: Partial<OpenAILanguageModelOptions> = {}) =>
    createOpenAILanguageModel({
      baseUrl: server.baseUrl,
      model: 'stand-in',
      apiKey: 'sk-test',
      initialRetryDelayMs: 10,
      onRetry: (retry) => retries.push(retry),
      ...options,
    });

  beforeAll(async () => {
    server = await startStandInServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    retries = [];
  });

  test('streams text deltas and reports usage', async () => {
    server.script({ stream: { deltas: ['Hel', 'lo', '!'], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } } });
    const events = await collect(model().stream({ messages: hi, maxTokens: 20, temperature: 0, stop: ['\n'], seed: 4 }));
    expect(events.map((e) => e.type)).toEqual(['text-delta', 'text-delta', 'text-delta', 'finish']);
    expect(textOf(events)).toBe('Hello!');
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop', usage: { inputTokens: 7, outputTokens: 3 } });
    const sent = server.requests[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body).toMatchObject({ model: 'stand-in', stream: true, max_tokens: 20, temperature: 0, stop: ['\n'], seed: 4, messages: hi });
  });

  test('joins streamed tool-call fragments into calls, with strict schemas where strict mode accepts them', async () => {
    server.script({ stream: { toolCalls: [{ name: 'get_order_status', arguments: '{"order_id": "12345"}' }] } });
    const loose: ToolDefinition = { name: 'help', description: 'Help', parameters: { type: 'object', properties: { topic: { type: 'string' } } } };
    const events = await collect(model().stream({ messages: hi, tools: [orderTool, loose], toolChoice: 'required' }));
    expect(events.filter((e) => e.type !== 'finish')).toEqual([{ type: 'tool-call', name: 'get_order_status', arguments: { order_id: '12345' } }]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
    const tools = server.requests[0]!.body.tools!;
    expect(tools.map((t) => t.function.strict)).toEqual([true, undefined]);
    expect(server.requests[0]!.body.tool_choice).toBe('required');
  });

  test('sends earlier tool calls and their results with matching ids', async () => {
    await collect(
      model().stream({
        messages: [
          { role: 'user', content: 'where is 12345' },
          { role: 'assistant', content: '', toolCalls: [{ name: 'get_order_status', arguments: { order_id: '12345' } }] },
          { role: 'tool', name: 'get_order_status', content: '{"status":"shipped"}' },
        ],
      }),
    );
    const [, assistant, tool] = server.requests[0]!.body.messages;
    expect(assistant!.tool_calls![0]).toEqual({ id: 'call_1_0', type: 'function', function: { name: 'get_order_status', arguments: '{"order_id":"12345"}' } });
    expect(tool).toMatchObject({ role: 'tool', tool_call_id: 'call_1_0' });
  });

  test('waits what Retry-After asks on 429, then succeeds', async () => {
    server.script({ status: 429, headers: { 'retry-after': '1' } }, { stream: { deltas: ['fine'] } });
    const events = await collect(model().stream({ messages: hi }));
    expect(textOf(events)).toBe('fine');
    expect(retries).toEqual([{ attempt: 1, delayMs: 1000, status: 429, reason: 'status 429' }]);
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  test('retries 500 and a connection reset with backoff, then succeeds', async () => {
    server.script({ status: 500 }, { reset: true }, { stream: { deltas: ['back'] } });
    const events = await collect(model().stream({ messages: hi }));
    expect(textOf(events)).toBe('back');
    expect(retries.map((r) => r.status)).toEqual([500, undefined]);
    expect(retries[1]!.reason).toMatch(/connection reset|other side closed|socket/i);
    expect(server.requests).toHaveLength(3);
  });

  test('retries a stream that breaks before any text, but not one that broke after text was delivered', async () => {
    server.script({ stream: { deltas: ['a', 'b'], resetAfter: 0 } }, { stream: { deltas: ['whole'] } });
    expect(textOf(await collect(model().stream({ messages: hi })))).toBe('whole');
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.script({ stream: { deltas: ['a', 'b', 'c'], resetAfter: 2 } });
    const seen: LanguageModelEvent[] = [];
    const failing = (async () => {
      for await (const event of model().stream({ messages: hi })) seen.push(event);
    })();
    await expect(failing).rejects.toMatchObject({ name: 'OpenAIConnectionError', retryable: true, attempts: 1 });
    expect(textOf(seen)).toBe('ab');
    expect(server.requests).toHaveLength(1);
  });

  test('never retries other 4xx', async () => {
    for (const status of [400, 401, 404, 422]) {
      server.requests.length = 0;
      server.script({ status, body: JSON.stringify({ error: { message: `no (${status})`, type: 'invalid_request_error', code: null } }) });
      await expect(collect(model().stream({ messages: hi }))).rejects.toMatchObject({
        name: 'OpenAIStatusError',
        status,
        retryable: false,
        attempts: 1,
        message: expect.stringContaining(`no (${status})`),
      });
      expect(server.requests).toHaveLength(1);
    }
    expect(retries).toEqual([]);
  });

  test('gives up after maxRetries and surfaces one error with the evidence', async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(collect(model({ maxRetries: 2 }).stream({ messages: hi }))).rejects.toMatchObject({
      name: 'OpenAIStatusError',
      status: 503,
      retryable: true,
      attempts: 3,
    });
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  test('does not wait for a Retry-After longer than maxRetryAfterMs', async () => {
    server.script({ status: 429, headers: { 'retry-after': '3600' } });
    await expect(collect(model().stream({ messages: hi }))).rejects.toMatchObject({ name: 'OpenAIStatusError', status: 429, attempts: 1 });
  });

  test('times out a silent stream and retries it', async () => {
    server.script({ stream: { deltas: ['slow'], intervalMs: 400 } }, { stream: { deltas: ['quick'] } });
    const events = await collect(model({ idleTimeoutMs: 150 }).stream({ messages: hi }));
    expect(textOf(events)).toBe('quick');
    expect(retries[0]!.reason).toBe('no chunk within 150 ms');
  });

  test('a refused connection surfaces as OpenAIConnectionError after the retries', async () => {
    const dead = createOpenAILanguageModel({ baseUrl: 'http://127.0.0.1:9/v1', model: 'x', maxRetries: 1, initialRetryDelayMs: 1 });
    await expect(collect(dead.stream({ messages: hi }))).rejects.toMatchObject({ name: 'OpenAIConnectionError', attempts: 2, retryable: true });
  });

  test('aborting ends the stream with a finish of reason "abort", also while waiting to retry', async () => {
    server.script({ stream: { deltas: ['a', 'b', 'c', 'd'], intervalMs: 100 } });
    const controller = new AbortController();
    const events: LanguageModelEvent[] = [];
    for await (const event of model().stream({ messages: hi, signal: controller.signal })) {
      events.push(event);
      if (event.type === 'text-delta') controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'abort' });

    server.script({ status: 429, headers: { 'retry-after': '30' } });
    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 100);
    const started = Date.now();
    const during = await collect(model().stream({ messages: hi, signal: waiting.signal }));
    expect(during).toEqual([expect.objectContaining({ type: 'finish', reason: 'abort' })]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('fails cleanly on tool arguments that are not JSON and on an in-stream error', async () => {
    server.script({ stream: { toolCalls: [{ name: 'get_order_status', arguments: '{"order_id": ' }] } });
    await expect(collect(model().stream({ messages: hi, tools: [orderTool] }))).rejects.toMatchObject({ name: 'GenerationFailedError' });
    server.script({ sse: 'data: {"error": {"message": "CUDA out of memory"}}\n\n' });
    await expect(collect(model().stream({ messages: hi }))).rejects.toMatchObject({
      name: 'GenerationFailedError',
      retryable: false,
      message: expect.stringContaining('CUDA out of memory'),
    });
    expect(retries).toEqual([]);
  });

  test('a stream that ends without finishing is retried like a reset', async () => {
    server.script({ sse: ': nothing\n\n' }, { stream: { deltas: ['done'] } });
    expect(textOf(await collect(model().stream({ messages: hi })))).toBe('done');
    expect(retries[0]!.reason).toBe('the stream ended before the completion did');
  });
});
