import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParleyServer } from '../../channels/http/create-parley-server.ts';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { loadAcme } from '../support/load-acme.ts';
import { testApiKey, testAuthorization } from '../support/security-api-key.ts';

let loaded: LoadedBot;
let server: Server;
let base: string;

beforeAll(async () => {
  loaded = await loadAcme();
  server = createParleyServer({ bot: loaded.bot, botName: 'Acme', log: pino({ level: 'silent' }), apiKeys: [testApiKey], maxBodyBytes: 2048 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await loaded.bot.close();
});

const post = (path: string, body: string, type = 'application/json') =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type, ...testAuthorization }, body });

describe('REST channel', () => {
  it('answers a message with the reply events as JSON', async () => {
    const response = await post('/api/conversations/r1/messages', JSON.stringify({ text: 'where is order 12345', turnId: 't-1' }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ conversationId: 'r1', turnId: 't-1', status: 'completed' });
    expect(body.reply).toMatch(/I found order 12345/);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['command-start', 'command-end', 'text-delta', 'text-end', 'speak']);
  });

  it('returns the first reply again for a retried turn id', async () => {
    const first = await (await post('/api/conversations/r2/messages', JSON.stringify({ text: 'hi', turnId: 'retry' }))).json();
    const again = await (await post('/api/conversations/r2/messages', JSON.stringify({ text: 'hi', turnId: 'retry' }))).json();
    expect(again.status).toBe('duplicate');
    expect(again.events).toEqual(first.events);
  });

  it('refuses bad JSON, missing, empty and oversized text and oversized bodies with clear 4xx errors', async () => {
    const bad = await post('/api/conversations/r3/messages', '{"text": ');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'invalid_json' });
    const missing = await post('/api/conversations/r3/messages', '{}');
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.message).toMatch(/text/);
    const empty = await post('/api/conversations/r3/messages', JSON.stringify({ text: '   ' }));
    expect((await empty.json()).error.message).toMatch(/text must not be empty/);
    const unknown = await post('/api/conversations/r3/messages', JSON.stringify({ text: 'hi', colour: 'red' }));
    expect(unknown.status).toBe(422);
    const huge = await post('/api/conversations/r3/messages', JSON.stringify({ text: 'x'.repeat(3000) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.message).toMatch(/limit of 2048 bytes|limit is 2048/);
    const plain = await post('/api/conversations/r3/messages', 'hello', 'text/plain');
    expect(plain.status).toBe(415);
    expect(await loaded.bot.history('r3')).toEqual([]);
  });

  it('limits text length even when the body fits', async () => {
    const roomy = createParleyServer({ bot: loaded.bot, botName: 'Acme', log: pino({ level: 'silent' }), apiKeys: [testApiKey], maxBodyBytes: 65_536 });
    await new Promise<void>((resolve) => roomy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(roomy.address() as AddressInfo).port}`;
    const response = await fetch(`${url}/api/conversations/r4/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...testAuthorization },
      body: JSON.stringify({ text: 'y'.repeat(4001) }),
    });
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(/limited to 4000 characters/);
    await new Promise((resolve) => roomy.close(resolve));
  });

  it('serves /healthz, the history, 404 and 405', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok', bot: 'Acme' });
    await post('/api/conversations/r5/messages', JSON.stringify({ text: 'hello' }));
    const history = await (await fetch(`${base}/api/conversations/r5/history`, { headers: testAuthorization })).json();
    expect(history.history.map((h: { role: string }) => h.role)).toEqual(['user', 'bot']);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/api/conversations/r5/messages`, { headers: testAuthorization })).status).toBe(405);
  });

  it('pages the whole transcript oldest first with limit and an opaque cursor, and refuses bad ones with 422', async () => {
    for (let i = 0; i < 4; i += 1) await post('/api/conversations/paged/messages', JSON.stringify({ text: `what time do you open on day ${i}?`, turnId: `p${i}` }));
    const first = await (await fetch(`${base}/api/conversations/paged/history?limit=3`, { headers: testAuthorization })).json();
    expect(first.history).toHaveLength(3);
    expect(first.history[0]).toMatchObject({ role: 'user', text: 'what time do you open on day 0?' });
    expect(typeof first.next).toBe('string');
    const rest = await (await fetch(`${base}/api/conversations/paged/history?limit=500&cursor=${encodeURIComponent(first.next)}`, { headers: testAuthorization })).json();
    expect(rest.next).toBeNull();
    expect([...first.history, ...rest.history].filter((h: { role: string }) => h.role === 'user').map((h: { text: string }) => h.text)).toEqual(
      [0, 1, 2, 3].map((i) => `what time do you open on day ${i}?`),
    );
    for (const query of ['limit=0', 'limit=501', 'limit=abc', 'cursor=garbage']) {
      const response = await fetch(`${base}/api/conversations/paged/history?${query}`, { headers: testAuthorization });
      expect(response.status, query).toBe(422);
      expect((await response.json()).error.message).toMatch(/limit|cursor/);
    }
  });

  it('answers a malformed percent-encoding in the id with 400, not 500', async () => {
    const response = await fetch(`${base}/api/conversations/%ED%A0%80/history`, { headers: testAuthorization });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_conversation_id');
  });
});
