import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationTokens } from '../../channels/web/conversation-token.ts';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { connectClient } from '../channels/web/web-test-server.ts';
import { loadAcme } from '../support/load-acme.ts';
import { openRaw, statusOf } from '../support/security-raw-http.ts';
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

const upgrade = async (origin: string | undefined) => {
  const raw = await openRaw(web.port);
  raw.socket.write(
    `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\n${origin ? `Origin: ${origin}\r\n` : ''}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  raw.socket.destroy();
  return raw.received();
};

describe('conversation tokens', () => {
  const tokens = createConversationTokens({ secret: randomBytes(32), ttlMs: 60_000 });
  const { token } = tokens.sign({ conversationId: 'web-1', userId: 'anon:1', verified: false });

  it('verify only in canonical base64url: junk appended to either part fails', () => {
    expect(tokens.verify(token).conversationId).toBe('web-1');
    const [prefix, claims, mac] = token.split('.') as [string, string, string];
    for (const forged of [
      `${token}!`,
      `${token}==`,
      `${token}%`,
      `${token} `,
      `${token}\n`,
      `${prefix}.${claims}.${mac}A`,
      `${prefix}.${claims}*.${mac}`,
      `${prefix}.${claims}=.${mac}`,
      `${prefix}.${claims.slice(0, -1)}${claims.at(-1) === 'A' ? 'B' : 'A'}.${mac}`,
    ]) {
      expect(() => tokens.verify(forged), JSON.stringify(forged)).toThrow(
        expect.objectContaining({ code: 'invalid_conversation_token' }),
      );
    }
  });

  it('with junk appended are refused at the handshake too', async () => {
    const client = await connectClient(web.url);
    const genuine = client.session.conversationToken;
    client.close();
    await expect(connectClient(web.url, { auth: { conversationToken: `${genuine}~~` } })).rejects.toMatchObject({
      code: 'invalid_conversation_token',
    });
    const resumed = await connectClient(web.url, { auth: { conversationToken: genuine } });
    expect(resumed.session.resumed).toBe(true);
    resumed.close();
  });
});

describe('foreign origins', () => {
  it('get 403 in the error shape over WebSocket, as over polling; the own origin is upgraded', async () => {
    const refused = await upgrade('http://evil.example');
    expect(statusOf(refused)).toBe(403);
    expect(refused).toContain('"code":"origin_not_allowed"');
    expect(statusOf(await upgrade(`http://127.0.0.1:${web.port}`))).toBe(101);
    expect(statusOf(await upgrade(undefined))).toBe(101);
    const polling = await fetch(`${web.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'http://evil.example' } });
    expect(polling.status).toBe(403);
    expect(await polling.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('are refused by a real socket.io client on both transports', async () => {
    for (const transport of ['websocket', 'polling'] as const)
      await expect(connectClient(web.url, { transports: [transport], headers: { origin: 'http://evil.example' } })).rejects.toThrow();
  });

  it('polling answers carry nosniff and no-store', async () => {
    const response = await fetch(`${web.url}/socket.io/?EIO=4&transport=polling`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
