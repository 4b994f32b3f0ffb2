import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageAck } from '../../channels/web/protocol.ts';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { connectClient, type TestClient } from '../channels/web/web-test-server.ts';
import { loadAcme } from '../support/load-acme.ts';
import { testAuthorization } from '../support/security-api-key.ts';
import { openRaw, statusOf } from '../support/security-raw-http.ts';
import { type SecurityServer, startSecurityServer } from '../support/security-server.ts';

let loaded: LoadedBot;
const servers: SecurityServer[] = [];
const start = async (options: Parameters<typeof startSecurityServer>[1]) => {
  const server = await startSecurityServer(loaded.bot, options);
  servers.push(server);
  return server;
};

beforeAll(async () => {
  loaded = await loadAcme();
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await loaded.bot.close();
});

const history = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/conversations/limits/history`, { headers: { ...testAuthorization, ...headers } });

const send = (client: TestClient, id: string, text: string) =>
  new Promise<MessageAck>((resolve) => client.socket.emit('message', { id, text }, resolve));

describe('REST limits per address', () => {
  it('answers 429 with Retry-After once an address used its burst, key or no key', async () => {
    const web = await start({ web: false, limits: { restRequestsPerAddress: { burst: 5, perMinute: 60 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await history(web.url)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await history(web.url);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/try again in \d+ s/) } });
    expect((await fetch(`${web.url}/api/conversations/limits/history`)).status).toBe(429);
  });

  it('believes X-Forwarded-For only from a proxy named in trustProxy', async () => {
    const limits = { restRequestsPerAddress: { burst: 2, perMinute: 1 } };
    const direct = await start({ web: false, limits });
    const codes = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
      codes.push((await history(direct.url, { 'x-forwarded-for': client })).status);
    expect(codes).toEqual([200, 200, 429]);

    const proxied = await start({ web: false, limits, trustProxy: ['127.0.0.1'] });
    const perClient = [];
    for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2'])
      perClient.push((await history(proxied.url, { 'x-forwarded-for': `198.51.100.7, ${client}` })).status);
    expect(perClient).toEqual([200, 200, 429, 200]);
  });
});

describe('socket limits per address and per connection', () => {
  it('20 connections × 10 messages at once: a new connection gets no fresh budget (at most the address burst of 60 pass)', async () => {
    const web = await start({ web: { streamChunkDelayMs: 0 } });
    const clients = await Promise.all(Array.from({ length: 20 }, () => connectClient(web.url)));
    const acks = await Promise.all(
      clients.flatMap((client, c) => Array.from({ length: 10 }, (_, m) => send(client, `c${c}-m${m}`, 'hi'))),
    );
    const accepted = acks.filter((a) => a.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(60);
    expect(accepted).toBeLessThanOrEqual(70);
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBe(200 - accepted);
    for (const ack of refused)
      expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
    for (const client of clients) client.close();
  });

  it('one connection is held to its own limit, and a new connection from the address keeps the address budget', async () => {
    const web = await start({
      web: { streamChunkDelayMs: 0, messagesPerConnection: { burst: 2, perMinute: 1 }, messagesPerAddress: { burst: 3, perMinute: 1 } },
    });
    const first = await connectClient(web.url);
    const oneConnection = [await send(first, 'a1', 'hi'), await send(first, 'a2', 'hi'), await send(first, 'a3', 'hi')];
    expect(oneConnection.map((a) => a.ok)).toEqual([true, true, false]);
    const second = await connectClient(web.url);
    expect((await send(second, 'b1', 'hi')).ok).toBe(true);
    const third = await connectClient(web.url);
    const refused = await send(third, 'c1', 'hi');
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(refused.ok === false && refused.error.retryAfterMs).toBeGreaterThan(1000);
    for (const client of [first, second, third]) client.close();
  });

  it('limits new connections per address with 429 and Retry-After, over polling and over WebSocket', async () => {
    const web = await start({ web: { connectsPerAddress: { burst: 2, perMinute: 1 } } });
    const a = await connectClient(web.url, { transports: ['polling'] });
    const b = await connectClient(web.url);
    const polling = await fetch(`${web.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(429);
    expect(Number(polling.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await polling.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const raw = await openRaw(web.port);
    raw.socket.write(
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    await raw.closed;
    expect(statusOf(raw.received())).toBe(429);
    expect(raw.received()).toMatch(/retry-after: \d+/i);
    a.close();
    b.close();
  });

  it('caps the connections open at once per address', async () => {
    const web = await start({ web: { openSocketsPerAddress: 2 } });
    const open = [await connectClient(web.url), await connectClient(web.url)];
    await expect(connectClient(web.url)).rejects.toThrow();
    open[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await connectClient(web.url);
    expect(again.session.conversationId).toMatch(/^web-/);
    again.close();
    open[1]!.close();
  });
});
