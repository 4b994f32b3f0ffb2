import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyCheck } from '../../channels/http/api-key-check.ts';
import { loadApiKeys } from '../../channels/http/load-api-keys.ts';
import { loadWebSecret } from '../../channels/web/web-secrets.ts';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { connectClient } from '../channels/web/web-test-server.ts';
import { loadAcme } from '../support/load-acme.ts';
import { runCli } from '../support/run-cli.ts';
import { testApiKey, testAuthorization } from '../support/security-api-key.ts';
import { type SecurityServer, startSecurityServer } from '../support/security-server.ts';

let loaded: LoadedBot;
let web: SecurityServer;

beforeAll(async () => {
  loaded = await loadAcme();
  web = await startSecurityServer(loaded.bot, { web: { streamChunkDelayMs: 0 } });
});
afterAll(async () => {
  await web.close();
  await loaded.bot.close();
});

const post = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${web.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ text: 'where is order 12345' }),
  });

describe('REST authentication', () => {
  it('answers 401 in the error shape without a key, with a wrong key and with a malformed header', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer pk-wrong-key-0000000000000000' }, { authorization: testApiKey }, { authorization: `Basic ${testApiKey}` }]) {
      const response = await post('/api/conversations/r1/messages', headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/Bearer/) } });
    }
    expect(await loaded.bot.history('r1')).toEqual([]);
  });

  it('gives no hint about which conversations exist: the same 401 for a known and an unknown id', async () => {
    expect((await post('/api/conversations/known/messages', testAuthorization)).status).toBe(200);
    const known = await fetch(`${web.url}/api/conversations/known/history`);
    const unknown = await fetch(`${web.url}/api/conversations/never-seen/history`);
    const malformed = await fetch(`${web.url}/api/conversations/%ED%A0%80/history`);
    const nowhere = await fetch(`${web.url}/api/nothing-here`);
    const bodies = await Promise.all([known, unknown, malformed, nowhere].map((r) => r.text()));
    expect([known.status, unknown.status, malformed.status, nowhere.status]).toEqual([401, 401, 401, 401]);
    expect(new Set(bodies).size).toBe(1);
  });

  it('does not show a widget conversation to someone who has only its id; a server with the key can read it', async () => {
    const client = await connectClient(web.url, { headers: { origin: web.url } });
    const turn = await client.say('where is order 12345');
    expect(turn.end?.status).toBe('completed');
    const id = encodeURIComponent(client.session.conversationId);
    const stolen = await fetch(`${web.url}/api/conversations/${id}/history`);
    expect(stolen.status).toBe(401);
    expect(await stolen.text()).not.toContain('12345');
    const injected = await fetch(`${web.url}/api/conversations/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'cancel' }),
    });
    expect(injected.status).toBe(401);
    expect(await loaded.bot.history(client.session.conversationId)).toHaveLength(2);
    const server = await fetch(`${web.url}/api/conversations/${id}/history`, { headers: testAuthorization });
    expect(server.status).toBe(200);
    expect((await server.json()).history).toHaveLength(2);
    client.close();
  });

  it('keeps /healthz, the widget, the demo page and socket.io open', async () => {
    expect((await fetch(`${web.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${web.url}/parley-widget.js`)).status).toBe(200);
    expect((await fetch(`${web.url}/`)).status).toBe(200);
    expect((await fetch(`${web.url}/socket.io/?EIO=4&transport=polling`)).status).toBe(200);
  });

  it('refuses everything when the server was given no keys', async () => {
    const closed = await startSecurityServer(loaded.bot, { apiKeys: [], web: false });
    const response = await fetch(`${closed.url}/api/conversations/x/history`, { headers: testAuthorization });
    expect(response.status).toBe(401);
    await closed.close();
  });

  it('compares keys whole: a prefix, a longer key or one of several keys', () => {
    const check = createApiKeyCheck(['pk-first-key-aaaaaaaaaaaaaaaa', 'pk-second-key-bbbbbbbbbbbbbbbb']);
    expect(check('Bearer pk-second-key-bbbbbbbbbbbbbbbb')).toBe(true);
    expect(check('bearer   pk-first-key-aaaaaaaaaaaaaaaa')).toBe(true);
    expect(check('Bearer pk-first-key-aaaaaaaaaaaaaaa')).toBe(false);
    expect(check('Bearer pk-first-key-aaaaaaaaaaaaaaaaa')).toBe(false);
    expect(check('Bearer ')).toBe(false);
    expect(check(['Bearer pk-first-key-aaaaaaaaaaaaaaaa'])).toBe(false);
    expect(check(undefined)).toBe(false);
  });
});

describe('API keys', () => {
  it('come from PARLEY_API_KEYS, comma-separated, and a short one is refused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-keys-'));
    const keys = await loadApiKeys({ dataDir, env: { PARLEY_API_KEYS: `${testApiKey}, pk-another-key-of-some-length` } });
    expect(keys).toEqual({ keys: [testApiKey, 'pk-another-key-of-some-length'], source: 'PARLEY_API_KEYS' });
    await expect(loadApiKeys({ dataDir, env: { PARLEY_API_KEYS: 'short' } })).rejects.toMatchObject({ name: 'ConfigError' });
  });

  it('without PARLEY_API_KEYS, one is generated into <dataDir>/secrets.json (0600), kept next to the web secret, and `parley api-key` prints it', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'parley-keys-')), 'data');
    const printed = await runCli(['api-key', '--bot', 'examples/acme'], { env: { PARLEY_DATA_DIR: dataDir, PARLEY_API_KEYS: '' } });
    expect(printed.code).toBe(0);
    const key = printed.stdout.trim();
    expect(key).toMatch(/^pk-[\w-]{43}$/);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).apiKey).toBe(key);
    expect((await loadApiKeys({ dataDir, env: {} })).keys).toEqual([key]);
    const again = await runCli(['api-key', '--bot', 'examples/acme'], { env: { PARLEY_DATA_DIR: dataDir, PARLEY_API_KEYS: '' } });
    expect(again.stdout.trim()).toBe(key);
    await loadWebSecret({ dataDir, env: {} });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ apiKey: key, webTokenSecret: expect.any(String) });
    expect((await loadApiKeys({ dataDir, env: {} })).keys).toEqual([key]);
  });
});
