import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../core/config/load-config.ts';
import { loadLanguageModel } from '../../core/load-language-model.ts';
import { type StandInServer, startStandInServer } from '../engine/llm/openai/stand-in-openai-server.ts';

const starterDir = fileURLToPath(new URL('../../models/starter', import.meta.url));

describe('loading the model a bot directory names', () => {
  let server: StandInServer;
  beforeAll(async () => {
    server = await startStandInServer({ stream: { deltas: ['from ', 'the server'] } });
  });
  afterAll(() => server.close());

  test('"openai:<model>" is that model on the OpenAI-compatible server, with the base URL and key given', async () => {
    const loaded = await loadLanguageModel('openai:Qwen/Qwen2.5-7B-Instruct', { baseUrl: server.baseUrl, apiKey: 'sk-x' });
    expect(loaded).toMatchObject({ name: 'Qwen/Qwen2.5-7B-Instruct', model: { provider: 'openai', modelId: 'Qwen/Qwen2.5-7B-Instruct' } });
    let text = '';
    for await (const event of loaded.model.stream({ messages: [{ role: 'user', content: 'hi' }] })) if (event.type === 'text-delta') text += event.delta;
    expect(text).toBe('from the server');
    expect(server.requests.at(-1)).toMatchObject({ body: { model: 'Qwen/Qwen2.5-7B-Instruct' }, headers: { authorization: 'Bearer sk-x' } });
    await loaded.close();
  });

  test('anything else is a local ONNX directory, listed under the directory name', async () => {
    const loaded = await loadLanguageModel(starterDir);
    expect(loaded).toMatchObject({ name: 'starter', model: { provider: 'onnx' } });
    await loaded.close();
  });

  test('a setting that cannot work is a ConfigError naming what to fix', async () => {
    await expect(loadLanguageModel('openai:')).rejects.toMatchObject({ name: 'ConfigError', key: 'model' });
    await expect(loadLanguageModel('openai:m', { baseUrl: 'localhost:8000/v1' })).rejects.toMatchObject({ name: 'ConfigError', key: 'OPENAI_BASE_URL' });
  });

  test('"cuda" on an onnxruntime build without the CUDA provider is refused with the reason, not run on the CPU', async () => {
    await expect(loadLanguageModel(starterDir, { device: 'cuda' })).rejects.toMatchObject({
      name: 'ExecutionProviderUnavailableError',
      device: 'cuda',
      message: expect.stringMatching(/cuda/i),
    });
  });

  test('OPENAI_BASE_URL, OPENAI_API_KEY and PARLEY_DEVICE come from the environment over the config file; bad values name the variable', async () => {
    const env = { OPENAI_BASE_URL: 'http://gpu-box:8000/v1', OPENAI_API_KEY: 'sk-env', PARLEY_DEVICE: 'cpu', PARLEY_MODEL: 'openai:m' };
    const config = await loadConfig('/nonexistent-bot-dir', env);
    expect(config).toMatchObject({ model: 'openai:m', device: 'cpu', openai: { baseUrl: 'http://gpu-box:8000/v1', apiKey: 'sk-env' } });
    expect((await loadConfig('/nonexistent-bot-dir', {})).device).toBe('auto');
    await expect(loadConfig('/nonexistent-bot-dir', { OPENAI_BASE_URL: 'gpu-box:8000' })).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringContaining('OPENAI_BASE_URL'),
    });
    await expect(loadConfig('/nonexistent-bot-dir', { PARLEY_DEVICE: 'tpu' })).rejects.toMatchObject({
      message: expect.stringContaining('PARLEY_DEVICE'),
    });
  });
});
