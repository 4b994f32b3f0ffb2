import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOpenAIEndpoint } from '../../../channels/openai/create-openai-endpoint.ts';
import type { ChatMessage, GenerateOptions, LanguageModel, LanguageModelEvent, ToolDefinition } from '../../../engine/llm/language-model.ts';
import { createOnnxLanguageModel, type OnnxLanguageModel } from '../../../engine/llm/onnx/create-onnx-language-model.ts';
import { createOpenAILanguageModel, type OpenAILanguageModel } from '../../../engine/llm/openai/create-openai-language-model.ts';
import { loadAcme } from '../../support/load-acme.ts';

const starterDir = fileURLToPath(new URL('../../../models/starter', import.meta.url));
const reference = JSON.parse(readFileSync(`${starterDir}/reference.json`, 'utf8')) as {
  prompts: Array<{ text: string; messages: ChatMessage[]; tools: ToolDefinition[] }>;
};

const run = async (model: LanguageModel, options: GenerateOptions) => {
  const events: LanguageModelEvent[] = [];
  for await (const event of model.stream(options)) events.push(event);
  const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
  const calls = events.filter((e) => e.type === 'tool-call');
  const finish = events.find((e) => e.type === 'finish');
  return { text, calls, finish };
};

describe("parley's openai backend against parley's own endpoint (the raw starter model behind it)", () => {
  let server: Server;
  let starter: OnnxLanguageModel;
  let remote: OpenAILanguageModel;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const acme = await loadAcme();
    starter = await createOnnxLanguageModel({ modelDir: starterDir, intraOpThreads: 1 });
    const endpoint = createOpenAIEndpoint({ bot: acme.bot, botName: 'acme', models: { starter }, apiKeys: ['k'] });
    server = createServer((req, res) => void endpoint.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    remote = createOpenAILanguageModel({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: 'k', model: 'starter' });
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await starter.close();
      await acme.bot.close();
    };
  }, 120_000);
  afterAll(() => close());

  for (const prompt of reference.prompts) {
    test(`"${prompt.text}": the same greedy text, calls and token counts as the model in-process`, async () => {
      const options: GenerateOptions = { messages: prompt.messages, tools: prompt.tools, temperature: 0, maxTokens: 48 };
      const local = await run(starter, options);
      const viaHttp = await run(remote, options);
      expect(viaHttp.text).toBe(local.text);
      expect(viaHttp.calls).toEqual(local.calls);
      expect(viaHttp.finish).toMatchObject({ reason: local.finish!.type === 'finish' ? local.finish!.reason : '' });
      expect(viaHttp.finish!.type === 'finish' && viaHttp.finish!.usage.outputTokens).toBe(local.finish!.type === 'finish' && local.finish!.usage.outputTokens);
    });
  }

  test('a wrong key is a 401 the backend does not retry', async () => {
    const wrong = createOpenAILanguageModel({ baseUrl: remote.baseUrl, apiKey: 'nope', model: 'starter' });
    await expect(run(wrong, { messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ name: 'OpenAIStatusError', status: 401, attempts: 1 });
  });
});
