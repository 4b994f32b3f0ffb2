import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { loadAcme } from '../support/load-acme.ts';
import { testAuthorization } from '../support/security-api-key.ts';
import { type SecurityServer, startSecurityServer } from '../support/security-server.ts';

let loaded: LoadedBot;
let web: SecurityServer;

beforeAll(async () => {
  loaded = await loadAcme();
  web = await startSecurityServer(loaded.bot, { maxBodyBytes: 65_536, limits: { restRequestsPerAddress: false }, web: false });
});
afterAll(async () => {
  await web.close();
  await loaded.bot.close();
});

const post = (id: string, body: unknown) =>
  fetch(`${web.url}/api/conversations/${id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...testAuthorization },
    body: JSON.stringify(body),
  });

const expectError = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
};

describe('REST inputs never answer 500', () => {
  it('a malformed percent-encoding in the id (/api/conversations/%ED%A0%80/history) is a 400', async () => {
    const response = await fetch(`${web.url}/api/conversations/%ED%A0%80/history`, { headers: testAuthorization });
    await expectError(response, 400, 'invalid_conversation_id');
    await expectError(await post('%ED%A0%80', { text: 'hi' }), 400, 'invalid_conversation_id');
    await expectError(await post('%E0%A4%A', { text: 'hi' }), 400, 'invalid_conversation_id');
  });

  it('ids of 196 to 200 characters run a turn (the derived user id fits); 201 is a 422', async () => {
    for (const length of [196, 197, 198, 199, 200]) {
      const id = `${'c'.repeat(length - 3)}${length}`;
      const response = await post(id, { text: 'hi' });
      expect(response.status, `${length}`).toBe(200);
      expect((await response.json()).conversationId).toBe(id);
      // Two ids sharing their first 195 characters are still two conversations of two users.
      expect(await loaded.bot.history(id)).toHaveLength(2);
    }
    const multi = '😀'.repeat(100);
    expect((await post(encodeURIComponent(multi), { text: 'hi' })).status).toBe(200);
    await expectError(await post('c'.repeat(201), { text: 'hi' }), 422, 'invalid_conversation_id');
    await expectError(await post(encodeURIComponent(`${multi}x`), { text: 'hi' }), 422, 'invalid_conversation_id');
  });

  it('texts of 4,001 to 8,000 UTF-16 units with non-BMP characters are a 422 naming the unit; 4,000 units pass', async () => {
    for (const units of [4001, 4002, 5000, 6001, 7999, 8000]) {
      const text = '😀'.repeat(Math.floor(units / 2)) + (units % 2 ? 'a' : '');
      expect(text.length).toBe(units);
      const response = await post('long-texts', { text });
      expect(response.status, `${units}`).toBe(422);
      const { error } = await response.json();
      expect(error).toEqual({ code: 'invalid_message', message: 'text: text is limited to 4000 characters (UTF-16 code units)' });
    }
    const fits = await post('long-texts', { text: `where is order 12345 ${'😀'.repeat(1989)}` });
    expect(fits.status).toBe(200);
  });

  it('a text of spaces that is too long is too long, not empty; lone surrogates are a 422', async () => {
    await expectError(await post('edges', { text: ' '.repeat(4001) }), 422, 'invalid_message');
    await expectError(await post('edges', { text: 'hi \ud800 there' }), 422, 'invalid_message');
    await expectError(await post('edges', { text: 'hi', turnId: '\udc00' }), 422, 'invalid_message');
    await expectError(await post('edges', { text: 'hi', userId: 'u'.repeat(201) }), 422, 'invalid_message');
    await expectError(await post('edges', { text: 'hi', locale: 'x'.repeat(40) }), 422, 'invalid_message');
    await expectError(await post('%20%20', { text: 'hi' }), 422, 'invalid_conversation_id');
    expect(await loaded.bot.history('edges')).toEqual([]);
  });

  it('odd targets, methods and bodies are 4xx', async () => {
    const statuses: number[] = [];
    const cases: Array<[string, RequestInit]> = [
      ['/api/conversations/x/history?cursor=%ED%A0%80', {}],
      ['/api/conversations/x/history?limit=99999999999', {}],
      ['/api/conversations/x/messages', { method: 'PUT' }],
      ['/api/conversations//messages', { method: 'POST' }],
      ['/api/conversations/x/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' }],
      ['/api/conversations/x/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' }],
      ['/api/conversations/x/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":{"a":1}}' }],
      ['/api/conversations/x/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0xff, 0xfe, 0x7b]) }],
      ['/api/conversations/x/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"__proto__":{"text":"x"}}' }],
    ];
    for (const [path, init] of cases) {
      const response = await fetch(`${web.url}${path}`, { ...init, headers: { ...testAuthorization, ...(init.headers as Record<string, string>) } });
      statuses.push(response.status);
      expect(await response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect(statuses.every((s) => s >= 400 && s < 500), statuses.join()).toBe(true);
  });
});

describe('API response headers', () => {
  it('carry nosniff and no-store on every JSON answer: 200, 4xx, 401, 404 and /healthz', async () => {
    const answers = [
      await post('headers', { text: 'hi' }),
      await post('headers', { text: '' }),
      await fetch(`${web.url}/api/conversations/headers/history`),
      await fetch(`${web.url}/api/conversations/headers/history`, { headers: testAuthorization }),
      await fetch(`${web.url}/nope`),
      await fetch(`${web.url}/healthz`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 422, 401, 200, 404, 200]);
    for (const response of answers) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
  });
});
