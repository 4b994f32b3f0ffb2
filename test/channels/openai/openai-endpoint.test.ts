import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOpenAIEndpoint } from '../../../channels/openai/create-openai-endpoint.ts';
import type { ChatMessage, ToolDefinition } from '../../../engine/llm/language-model.ts';
import { createOnnxLanguageModel, type OnnxLanguageModel } from '../../../engine/llm/onnx/create-onnx-language-model.ts';
import { loadAcme } from '../../support/load-acme.ts';

const starterDir = fileURLToPath(new URL('../../../models/starter', import.meta.url));
const reference = JSON.parse(readFileSync(`${starterDir}/reference.json`, 'utf8')) as {
  prompts: Array<{ text: string; messages: ChatMessage[]; tools: ToolDefinition[] }>;
};
const key = 'sk-parley-test';

describe('the OpenAI-compatible endpoint, driven by the official openai client', () => {
  let server: Server;
  let starter: OnnxLanguageModel;
  let close: () => Promise<void>;
  let client: OpenAI;
  let baseURL: string;
  let bot: Awaited<ReturnType<typeof loadAcme>>['bot'];

  beforeAll(async () => {
    const acme = await loadAcme();
    bot = acme.bot;
    starter = await createOnnxLanguageModel({ modelDir: starterDir, intraOpThreads: 1 });
    const endpoint = createOpenAIEndpoint({ bot: acme.bot, botName: 'acme', models: { starter }, apiKeys: [key] });
    server = createServer((req, res) => {
      void endpoint.handle(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    client = new OpenAI({ baseURL, apiKey: key, maxRetries: 0 });
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await starter.close();
      await acme.bot.close();
    };
  }, 120_000);
  afterAll(() => close());

  test('lists the bot and the raw model', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(['acme', 'starter']);
    expect((await client.models.retrieve('acme')).owned_by).toBe('parley');
  });

  test('a three-turn Acme conversation through `user` completes the order-status form', async () => {
    const user = `maria-${Date.now()}`;
    const ask = async (content: string) => {
      const completion = await client.chat.completions.create({ model: 'acme', user, messages: [{ role: 'user', content }] });
      expect(completion.object).toBe('chat.completion');
      expect(completion.usage).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
      return completion.choices[0]!.message.content ?? '';
    };
    expect(await ask('where is my order')).toMatch(/order number/i);
    expect(await ask('12345')).toMatch(/e-?mail/i);
    expect(await ask('maria.garcia@example.com')).toMatch(/Order 12345 \(placed 2026-11-24\) is shipped/);
  });

  test('streams a bot reply as chunks, keyed by the X-Parley-Conversation header', async () => {
    const conversation = `header-${Date.now()}`;
    const { data: stream, response } = await client.chat.completions
      .create(
        { model: 'acme', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'where is order 12345' }] },
        { headers: { 'X-Parley-Conversation': conversation } },
      )
      .withResponse();
    expect(response.headers.get('x-parley-conversation')).toBe(conversation);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toMatch(/e-?mail/i);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.usage).toMatchObject({ total_tokens: 0 });
    // The same conversation continues through the header alone.
    const next = await client.chat.completions.create(
      { model: 'acme', messages: [{ role: 'user', content: 'maria.garcia@example.com' }] },
      { headers: { 'X-Parley-Conversation': conversation } },
    );
    expect(next.choices[0]!.message.content).toMatch(/Order 12345 .* is shipped/);
  });

  test('a request retried with the same Idempotency-Key is one turn, answered alike', async () => {
    const user = `retry-${Date.now()}`;
    const send = () =>
      client.chat.completions.create({ model: 'acme', user, messages: [{ role: 'user', content: 'where is my order' }] }, { headers: { 'Idempotency-Key': `${user}-1` } });
    const first = await send();
    const again = await send();
    expect(again.choices[0]!.message.content).toBe(first.choices[0]!.message.content);
    const page = await bot.transcript(user);
    expect(page.entries.filter((entry) => entry.role === 'user').map((entry) => entry.text)).toEqual(['where is my order']);
  });

  test('quick replies and cards come back as text', async () => {
    const completion = await client.chat.completions.create({ model: 'acme', user: `help-${Date.now()}`, messages: [{ role: 'user', content: 'help' }] });
    expect(completion.choices[0]!.message.content).toMatch(/\n- \S/);
  });

  test('the raw starter model calls a tool through the client, streamed and not', async () => {
    const prompt = reference.prompts.find((p) => p.text.includes('12345'))!;
    const messages = prompt.messages.map((m) => ({ role: m.role, content: m.content })) as OpenAI.ChatCompletionMessageParam[];
    const tools = prompt.tools.map((t): OpenAI.ChatCompletionTool => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
    const completion = await client.chat.completions.create({ model: 'starter', messages, tools, tool_choice: 'required', temperature: 0, max_tokens: 48 });
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call.type === 'function' && call.function.name).toBe('get_order_status');
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toMatchObject({ order_id: '12345' });
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);

    const stream = await client.chat.completions.create({ model: 'starter', messages, tools, tool_choice: 'required', temperature: 0, max_tokens: 48, stream: true });
    const deltas = [];
    for await (const chunk of stream) deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
    expect(deltas[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_order_status' } });
  });

  test('the raw starter model streams text', async () => {
    const stream = await client.chat.completions.create({ model: 'starter', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8, temperature: 0, stream: true });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(['stop', 'length']).toContain(finish);
  });

  test('errors come in OpenAI shapes the client raises as its own exceptions', async () => {
    const wrongKey = new OpenAI({ baseURL, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(wrongKey.models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
    await expect(client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
      param: 'model',
    });
    await expect(client.chat.completions.create({ model: 'acme', messages: [{ role: 'assistant', content: 'hi' }] })).rejects.toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'messages.0',
    });
    await expect(client.chat.completions.create({ model: 'starter', temperature: 7, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 400,
      param: 'temperature',
    });
  });
});
