import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { connectClient, startTestServer, type TestServer } from './web-test-server.ts';

const userSecret = 'a-shared-secret-of-at-least-32-characters!';
const signUser = (claims: Record<string, unknown>, expires: string | number = '10m', secret = userSecret) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('cust-maria')
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));

let loaded: LoadedBot;
let web: TestServer;

beforeAll(async () => {
  loaded = await loadAcme();
  web = await startTestServer(loaded.bot, { userTokens: { secret: userSecret }, streamChunkDelayMs: 1 });
});
afterAll(async () => {
  await web.close();
  await loaded.bot.close();
});

describe('web channel sessions', () => {
  it('starts a conversation, streams a reply in word-sized parts and ends the turn', async () => {
    const client = await connectClient(web.url);
    expect(client.session).toMatchObject({
      resumed: false,
      history: [],
      user: { verified: false },
      bot: { name: 'Acme store assistant' },
    });
    expect(client.session.conversationToken).toMatch(/^pc1\./);
    const outcome = await client.say('hi');
    expect(outcome.ack).toEqual({ ok: true });
    const deltas = outcome.parts.filter((p) => p.event.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(5);
    const streamed = deltas.map((p) => (p.event.type === 'text-delta' ? p.event.delta : '')).join('');
    expect(streamed).toBe(outcome.texts[0]);
    expect(outcome.texts[0]).toMatch(/Acme store assistant/);
    expect(outcome.end).toMatchObject({ status: 'completed' });
    client.close();
  });

  it('keeps command calls and their arguments on the server', async () => {
    const client = await connectClient(web.url);
    const outcome = await client.say('where is order 12345');
    expect(outcome.texts[0]).toMatch(/I found order 12345/);
    expect(outcome.parts.map((p) => p.event.type)).not.toContain('command-start');
    client.close();
  });

  it('resumes the conversation of a presented token with its history', async () => {
    const first = await connectClient(web.url);
    await first.say('I want to return something');
    first.close();
    const again = await connectClient(web.url, {
      auth: { conversationToken: first.session.conversationToken },
    });
    expect(again.session.resumed).toBe(true);
    expect(again.session.conversationId).toBe(first.session.conversationId);
    expect(again.session.history.map((h) => [h.role, h.text])).toEqual([
      ['user', 'I want to return something'],
      ['bot', 'Which order is the return for? Please give me the 5-digit order number.'],
    ]);
    expect((await again.say('45210')).texts).toEqual(['Why are you returning it?']);
    again.close();
  });

  it('shows a message sent in one tab, and its reply, in another tab of the same conversation', async () => {
    const first = await connectClient(web.url);
    const second = await connectClient(web.url, {
      auth: { conversationToken: first.session.conversationToken },
    });
    expect(second.session.conversationId).toBe(first.session.conversationId);
    const echoed = new Promise((resolve) => second.socket.once('user-message', resolve));
    const replied = new Promise<string>((resolve) =>
      second.socket.on('reply', (part) => part.event.type === 'text-end' && resolve(part.event.text)),
    );
    await first.say('are you open on sunday?', 'tab-1');
    expect(await echoed).toMatchObject({ turnId: 'tab-1', text: 'are you open on sunday?' });
    expect(await replied).toMatch(/Sunday/);
    first.close();
    second.close();
  });

  it('refuses a forged conversation token with a clear error', async () => {
    const client = await connectClient(web.url);
    const [prefix, payload, signature] = client.session.conversationToken.split('.');
    client.close();
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...claims, c: 'someone-elses-conversation' }),
    ).toString('base64url');
    const refused = connectClient(web.url, {
      auth: { conversationToken: `${prefix}.${forgedPayload}.${signature}` },
    });
    await expect(refused).rejects.toMatchObject({
      code: 'invalid_conversation_token',
      message: /bad signature/,
    });
    await expect(
      connectClient(web.url, { auth: { conversationToken: 'not-a-token' } }),
    ).rejects.toMatchObject({ code: 'invalid_conversation_token' });
  });

  it('refuses an expired conversation token', async () => {
    let clock = Date.now();
    const timed = await startTestServer(loaded.bot, { conversationTtlMs: 60_000 }, () => clock);
    const client = await connectClient(timed.url);
    client.close();
    clock += 61_000;
    await expect(
      connectClient(timed.url, { auth: { conversationToken: client.session.conversationToken } }),
    ).rejects.toMatchObject({
      code: 'invalid_conversation_token',
      message: /expired/,
    });
    await timed.close();
  });
});

describe('web channel limits', () => {
  it('refuses a message over the text limit with an error event', async () => {
    const client = await connectClient(web.url);
    const errors: unknown[] = [];
    client.socket.on('error', (e) => errors.push(e));
    const outcome = await client.say('x'.repeat(4001));
    expect(outcome.ack).toMatchObject({ ok: false, error: { code: 'message_too_long' } });
    await expect
      .poll(() => errors)
      .toEqual([
        expect.objectContaining({
          code: 'message_too_long',
          message: expect.stringMatching(/4001 characters.*limit is 4000/),
        }),
      ]);
    client.close();
  });

  it('refuses a malformed message', async () => {
    const client = await connectClient(web.url);
    const ack = await new Promise((resolve) =>
      client.socket.emit('message', { id: '', text: 'hi' }, resolve),
    );
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    client.close();
  });

  it('rate-limits a conversation and says when to try again', async () => {
    const limited = await startTestServer(loaded.bot, { rateLimit: { burst: 2, perMinute: 6 } });
    const client = await connectClient(limited.url);
    expect((await client.say('hi')).ack.ok).toBe(true);
    expect((await client.say('thanks')).ack.ok).toBe(true);
    const third = await client.say('help');
    expect(third.ack).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', retryAfterMs: expect.any(Number) },
    });
    client.close();
    await limited.close();
  });

  it('runs a message id once and sends the same parts again for a retry', async () => {
    const client = await connectClient(web.url);
    const first = await client.say('where is my order', 'same-id');
    const retry = await client.say('where is my order', 'same-id');
    expect(retry.end?.status).toBe('duplicate');
    const keys = (parts: typeof first.parts) => [...new Set(parts.map((p) => p.key))].sort();
    expect(keys(retry.parts)).toEqual(keys(first.parts));
    const history = await loaded.bot.history(client.session.conversationId);
    expect(history.filter((h) => h.role === 'user')).toHaveLength(1);
    client.close();
  });
});

describe('web channel origins', () => {
  for (const transport of ['polling', 'websocket'] as const) {
    it(`refuses a page from a foreign origin over ${transport}`, async () => {
      await expect(
        connectClient(web.url, { transports: [transport], headers: { origin: 'http://evil.example' } }),
      ).rejects.toThrow();
      const same = await connectClient(web.url, { transports: [transport], headers: { origin: web.url } });
      expect(same.session.conversationId).toMatch(/^web-/);
      same.close();
    });
  }

  it('answers 403 to a foreign origin and accepts one that is configured', async () => {
    const handshake = (origin: string, url = web.url) =>
      fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    expect((await handshake('http://evil.example')).status).toBe(403);
    const listed = await startTestServer(loaded.bot, { allowedOrigins: ['https://shop.example.com'] });
    const allowed = await handshake('https://shop.example.com', listed.url);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect((await handshake('https://other.example.com', listed.url)).status).toBe(403);
    await listed.close();
  });
});

describe('web channel identity', () => {
  it('gives skills the verified user, so the demo shows their order without asking for the e-mail', async () => {
    const userToken = await signUser({ name: 'Maria Garcia', email: 'maria.garcia@example.com' });
    const client = await connectClient(web.url, { auth: { userToken } });
    expect(client.session.user).toEqual({ verified: true, name: 'Maria Garcia' });
    await client.say('where is my order');
    const answer = await client.say('12345');
    expect(answer.texts.join(' ')).toMatch(/Order 12345 \(placed 2026-11-24\) is shipped/);
    expect(answer.texts.join(' ')).not.toMatch(/e-mail/);
    client.close();
  });

  it("does not show someone else's order to a verified user", async () => {
    const userToken = await signUser({ email: 'someone@example.com' });
    const client = await connectClient(web.url, { auth: { userToken } });
    await client.say('where is my order');
    expect((await client.say('12345')).texts.join(' ')).toMatch(/isn't on your account/);
    client.close();
  });

  it('refuses a user token signed with another key or expired', async () => {
    const forged = await signUser(
      { email: 'maria.garcia@example.com' },
      '10m',
      'another-secret-that-is-also-32-characters',
    );
    await expect(connectClient(web.url, { auth: { userToken: forged } })).rejects.toMatchObject({
      code: 'invalid_user_token',
    });
    const expired = await signUser({}, Math.floor(Date.now() / 1000) - 3600);
    await expect(connectClient(web.url, { auth: { userToken: expired } })).rejects.toMatchObject({
      code: 'invalid_user_token',
      message: /expired/,
    });
  });

  it('starts a new conversation when the user changes', async () => {
    const anonymous = await connectClient(web.url);
    await anonymous.say('hi');
    anonymous.close();
    const userToken = await signUser({ email: 'maria.garcia@example.com' });
    const signedIn = await connectClient(web.url, {
      auth: { userToken, conversationToken: anonymous.session.conversationToken },
    });
    expect(signedIn.session.resumed).toBe(false);
    expect(signedIn.session.conversationId).not.toBe(anonymous.session.conversationId);
    expect(signedIn.session.history).toEqual([]);
    signedIn.close();
  });
});

describe('web channel recovery', () => {
  it('delivers a message sent during a short drop once, with its reply', async () => {
    const client = await connectClient(web.url);
    const { socket } = client;
    const received: string[] = [];
    socket.on('reply', (part) => {
      if (part.event.type === 'text-end') received.push(`${part.turnId}:${part.event.text}`);
    });
    const reconnected = new Promise<void>((resolve) => socket.io.once('reconnect', () => resolve()));
    socket.io.engine.close();
    expect(socket.connected).toBe(false);
    const sent = client.say('when do you open on sunday?', 'during-drop');
    await reconnected;
    const outcome = await sent;
    expect(socket.recovered).toBe(true);
    expect(outcome.texts).toEqual([expect.stringMatching(/Sunday/)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(1);
    const history = await loaded.bot.history(client.session.conversationId);
    expect(history.filter((h) => h.role === 'user').map((h) => h.turnId)).toEqual(['during-drop']);
    client.close();
  });

  it('sends the parts of a reply that was streaming while the connection dropped', async () => {
    const slow = await startTestServer(loaded.bot, { streamChunkDelayMs: 15 });
    const client = await connectClient(slow.url);
    const { socket } = client;
    const sent = client.say('where is my order', 'streaming-drop');
    await new Promise<void>((resolve) => socket.once('reply', () => resolve()));
    socket.io.engine.close();
    const outcome = await sent;
    expect(socket.recovered).toBe(true);
    const keys = outcome.parts.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    const streamed = outcome.parts
      .flatMap((p) => (p.event.type === 'text-delta' ? [p.event.delta] : []))
      .join('');
    expect(streamed).toBe("What's your order number? It has 5 digits, like 12345.");
    client.close();
    await slow.close();
  });

  it('pushes messages to a conversation outside a turn', async () => {
    const client = await connectClient(web.url);
    const pushed = new Promise<string>((resolve) =>
      client.socket.on(
        'reply',
        (part) =>
          part.event.type === 'text-end' && part.turnId.startsWith('push:') && resolve(part.event.text),
      ),
    );
    await web.server.web!.send({ channel: 'web', conversationId: client.session.conversationId }, [
      { type: 'text-delta', messageId: 'agent-1', delta: 'Hello from a person.' },
      { type: 'text-end', messageId: 'agent-1', text: 'Hello from a person.' },
    ]);
    expect(await pushed).toBe('Hello from a person.');
    client.close();
  });
});
