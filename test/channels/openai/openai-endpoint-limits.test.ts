import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, test } from 'vitest';
import type { TurnHandler } from '../../../core/contracts/turn-handler.ts';
import { createOpenAIEndpoint, type OpenAIEndpointOptions } from '../../../channels/openai/create-openai-endpoint.ts';
import type { GenerateOptions } from '../../../engine/llm/language-model.ts';
import { scriptedLanguageModel } from '../../support/scripted-language-model.ts';

/** A bot that must not be reached in these tests. */
const noBot = { handle: () => Promise.reject(new Error('not used')) } as unknown as TurnHandler;

describe('the OpenAI-compatible endpoint at its limits', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const serve = async (options: Partial<OpenAIEndpointOptions>) => {
    const endpoint = createOpenAIEndpoint({ bot: noBot, botName: 'acme', apiKeys: ['k'], ...options });
    server = createServer((req, res) => void endpoint.handle(req, res));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    return { baseURL, client: new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0 }) };
  };

  test('a client that goes away mid-stream aborts the raw generation', async () => {
    const scripted = scriptedLanguageModel(() => ({ chunks: Array.from({ length: 50 }, (_, i) => `${i} `), delayMs: 20 }));
    const { client } = await serve({ models: { raw: scripted.model } });
    const stream = await client.chat.completions.create({ model: 'raw', stream: true, messages: [{ role: 'user', content: 'count' }] });
    let pieces = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content && ++pieces === 3) break;
    }
    const seen: GenerateOptions = scripted.seen[0]!;
    await expect.poll(() => seen.signal?.aborted, { timeout: 2000 }).toBe(true);
  });

  test('too many requests from one address get 429 with Retry-After, which the client raises as RateLimitError', async () => {
    const { client } = await serve({ requestsPerAddress: { burst: 2, perMinute: 1 } });
    await client.models.list();
    await client.models.list();
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'rate_limit_error' });
    expect(Number((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after'))).toBeGreaterThan(0);
  });

  test('a body over the limit is 413, and one that is not JSON 400, both in OpenAI shape', async () => {
    const { baseURL } = await serve({ maxBodyBytes: 1024 });
    const post = (body: string) =>
      fetch(`${baseURL}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body });
    const big = await post(JSON.stringify({ model: 'acme', messages: [{ role: 'user', content: 'x'.repeat(2000) }] }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'body_too_large', type: 'invalid_request_error' } });
    const bad = await post('{"model":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_json', type: 'invalid_request_error', message: expect.any(String) } });
  });

  test('paths outside /v1 are left to the rest of the server; unknown /v1 paths are OpenAI-shaped 404s', async () => {
    const endpoint = createOpenAIEndpoint({ bot: noBot, botName: 'acme', apiKeys: ['k'] });
    let passed = 0;
    server = createServer((req, res) =>
      void endpoint.handle(req, res).then((handled) => {
        if (!handled) {
          passed++;
          res.writeHead(204).end();
        }
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/api/x`)).status).toBe(204);
    const missing = await fetch(`${base}/v1/embeddings`, { method: 'POST', headers: { authorization: 'Bearer k' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found', type: 'invalid_request_error' } });
    expect(passed).toBe(1);
  });
});
