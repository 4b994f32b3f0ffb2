import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { loadAcme } from '../support/load-acme.ts';
import { testApiKey } from '../support/security-api-key.ts';
import { openRaw, statusOf, trickle } from '../support/security-raw-http.ts';
import { type SecurityServer, startSecurityServer } from '../support/security-server.ts';

let loaded: LoadedBot;
let web: SecurityServer;

beforeAll(async () => {
  loaded = await loadAcme();
  web = await startSecurityServer(loaded.bot, {
    web: false,
    limits: { headersTimeoutMs: 1500, bodyTimeoutMs: 1500, pendingBodiesPerAddress: 3, restRequestsPerAddress: false },
  });
});
afterAll(async () => {
  await web.close();
  await loaded.bot.close();
});

const head = (length: number) =>
  `POST /api/conversations/slow/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${testApiKey}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('slow and aborted requests', () => {
  it('a body trickling one byte every second is answered 408 and closed after the 1.5 s body timeout', async () => {
    const body = JSON.stringify({ text: 'where is my order, please tell me now' });
    const raw = await openRaw(web.port);
    raw.socket.write(head(body.length));
    void trickle(raw.socket, body, 1000);
    const heldMs = await raw.closed;
    expect(statusOf(raw.received())).toBe(408);
    expect(raw.received()).toContain('"code":"body_timeout"');
    expect(heldMs).toBeLessThan(6000);
    expect(await loaded.bot.history('slow')).toEqual([]);
  });

  it('headers trickling one byte every 400 ms lose the connection after the 1.5 s headers timeout', async () => {
    const raw = await openRaw(web.port);
    void trickle(raw.socket, head(20), 400);
    const heldMs = await raw.closed;
    expect(heldMs).toBeLessThan(6000);
    expect([undefined, 408]).toContain(statusOf(raw.received()));
  });

  it('caps the requests of one address still sending their body: the fourth gets 429 with Retry-After', async () => {
    const slow = await Promise.all([1, 2, 3].map(() => openRaw(web.port)));
    for (const raw of slow) raw.socket.write(`${head(30)}{"te`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fourth = await openRaw(web.port);
    fourth.socket.write(`${head(13)}{"text":"hi"}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statusOf(fourth.received())).toBe(429);
    expect(fourth.received()).toMatch(/retry-after: \d+/i);
    expect(fourth.received()).toContain('"code":"rate_limited"');
    for (const raw of [...slow, fourth]) raw.socket.destroy();
  });

  it('logs 40 bodies cut off by their clients at debug, not as errors', async () => {
    const before = web.logs().length;
    // Two at a time: this server lets one address send only three bodies at once.
    for (let i = 0; i < 40; i += 2) {
      await Promise.all(
        [0, 1].map(async () => {
          const raw = await openRaw(web.port);
          raw.socket.write(`${head(200)}{"text":"half a bo`);
          await new Promise((resolve) => setTimeout(resolve, 30));
          raw.socket.destroy();
          await raw.closed;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lines = web.logs().slice(before);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(lines.filter((l) => l.msg === 'REST request aborted by the client' && l.level === 20).length).toBeGreaterThanOrEqual(40);
  });
});
