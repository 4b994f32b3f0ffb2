import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotFrameworkChannel, type BotFrameworkChannelOptions, createBotFrameworkChannel } from '../../../channels/botframework/bot-framework-channel.ts';
import type { TurnHandler } from '../../../core/contracts/turn-handler.ts';
import { wrapTurns } from '../../support/wrap-turns.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { messageActivity, startConnectorStandIn } from './connector-stand-in.ts';

const appId = 'app-1';
let loaded: LoadedBot;
let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
/** How many turns reached the bot. */
let handled = 0;
const servers: Server[] = [];

/** The real Acme bot, counting the turns that reach it. */
const counting = (bot: TurnHandler): TurnHandler =>
  wrapTurns(bot, (turn, options, next) => {
    handled += 1;
    return next(turn, options);
  });
/** Serves a Bot Framework channel with these options on a local port; returns its `/api/messages` URL. */
async function serve(options: BotFrameworkChannelOptions): Promise<{ endpoint: string; channel: BotFrameworkChannel }> {
  const channel = createBotFrameworkChannel(options);
  await channel.start(counting(loaded.bot));
  const server = createServer((req, res) => void channel.handle(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, channel };
}

const post = (endpoint: string, activity: object, authorization?: string) =>
  fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify(activity),
  });

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

let endpoint: string;

beforeAll(async () => {
  loaded = await loadAcme();
  connector = await startConnectorStandIn();
  ({ endpoint } = await serve({ appId, appPassword: 'app-secret', openIdMetadataUrl: connector.openIdMetadataUrl, tokenUrl: connector.tokenUrl }));
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await connector.close();
  await loaded.bot.close();
});

describe('Bot Framework authentication (tokens from a local OpenID/JWKS stand-in)', () => {
  it('passes a valid token and one expired by less than the 5 min clock skew', async () => {
    const serviceUrl = connector.serviceUrl;
    const before = handled;
    const valid = await connector.token({ appId, serviceUrl });
    expect((await post(endpoint, messageActivity({ id: 'v1', text: 'hi', serviceUrl, conversationId: 'valid-1' }), `Bearer ${valid}`)).status).toBe(200);
    const skewed = await connector.token({ appId, serviceUrl, claims: { exp: Math.floor(Date.now() / 1000) - 200 } });
    expect((await post(endpoint, messageActivity({ id: 'v2', text: 'hi', serviceUrl, conversationId: 'valid-1' }), `Bearer ${skewed}`)).status).toBe(200);
    expect(handled - before).toBe(2);
  });

  it('refuses every kind of forgery, hundreds of times each, without ever calling the bot', async () => {
    const serviceUrl = connector.serviceUrl;
    const nowS = Math.floor(Date.now() / 1000);
    const noneToken = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ serviceurl: serviceUrl, iss: 'https://api.botframework.com', aud: appId, exp: nowS + 3600 })}.`;
    /** Each forgery, and what the refusal says (so each is refused by its own check, not by an earlier one). */
    const forgeries: Record<string, [string | undefined, RegExp]> = {
      'bad signature': [`Bearer ${await connector.token({ appId, serviceUrl, key: 'other' })}`, /signature verification failed/],
      'unknown key id': [`Bearer ${await connector.token({ appId, serviceUrl, header: { kid: 'not-a-key' } })}`, /no applicable key/],
      'alg none': [`Bearer ${noneToken}`, /RS256, not none/],
      'wrong issuer': [`Bearer ${await connector.token({ appId, serviceUrl, claims: { iss: 'https://sts.example.com/' } })}`, /"iss" claim/],
      'wrong audience': [`Bearer ${await connector.token({ appId, serviceUrl, claims: { aud: 'another-app' } })}`, /"aud" claim/],
      'expired beyond skew': [`Bearer ${await connector.token({ appId, serviceUrl, claims: { exp: nowS - 400 } })}`, /"exp" claim/],
      'not yet valid': [`Bearer ${await connector.token({ appId, serviceUrl, claims: { nbf: nowS + 400 } })}`, /"nbf" claim/],
      'serviceUrl mismatch': [`Bearer ${await connector.token({ appId, serviceUrl: 'https://smba.evil.example/' })}`, /serviceurl claim does not match/],
      'no header': [undefined, /no Authorization header/],
      'not a bearer token': ['Basic YWRtaW46YWRtaW4=', /not "Bearer <JWT>"/],
    };
    const before = handled;
    const perKind = 120;
    for (const [kind, [authorization, reason]] of Object.entries(forgeries)) {
      const statuses: number[] = [];
      const messages = new Set<string>();
      for (let batch = 0; batch < perKind; batch += 30) {
        const answers = await Promise.all(
          Array.from({ length: Math.min(30, perKind - batch) }, (_, i) =>
            post(endpoint, messageActivity({ id: `${kind}-${batch + i}`, text: 'where is my order 12345', serviceUrl, conversationId: 'forged' }), authorization),
          ),
        );
        statuses.push(...answers.map((a) => a.status));
        for (const answer of answers) messages.add(((await answer.json()) as { error: { message: string } }).error.message);
      }
      expect({ kind, refused: statuses.filter((s) => s === 401).length }).toEqual({ kind, refused: perKind });
      expect([...messages].every((m) => reason.test(m)), `${kind}: ${[...messages].join(' | ')}`).toBe(true);
    }
    expect(handled).toBe(before);
    expect(connector.calls.filter((c) => c.path.includes('/forged/'))).toHaveLength(0);
    expect((await loaded.bot.transcript('bf:emulator:forged')).entries).toHaveLength(0);
  }, 120_000);

  it('refuses (403) a valid token whose key is not endorsed for the activity\'s channel', async () => {
    const before = handled;
    const token = await connector.token({ appId, serviceUrl: connector.serviceUrl });
    const answer = await post(endpoint, messageActivity({ id: 'x1', text: 'hi', serviceUrl: connector.serviceUrl, channelId: 'sms' }), `Bearer ${token}`);
    expect(answer.status).toBe(403);
    expect((await answer.json()).error.message).toMatch(/not endorsed for channel "sms"/);
    expect(handled).toBe(before);
  });

  it('refuses alg none and tokens without a key id before any key lookup', async () => {
    const fresh = await startConnectorStandIn();
    try {
      const { endpoint: freshEndpoint } = await serve({ appId, appPassword: 'app-secret', openIdMetadataUrl: fresh.openIdMetadataUrl, tokenUrl: fresh.tokenUrl });
      const serviceUrl = fresh.serviceUrl;
      const payload = base64url({ serviceurl: serviceUrl, iss: 'https://api.botframework.com', aud: appId, exp: Math.floor(Date.now() / 1000) + 3600 });
      const noKid = await fresh.token({ appId, serviceUrl, header: { kid: undefined } });
      const hs256 = `${base64url({ alg: 'HS256', kid: 'test-key' })}.${payload}.c2lnbmF0dXJl`;
      for (const token of [`${base64url({ alg: 'none' })}.${payload}.`, noKid, hs256]) {
        const answer = await post(freshEndpoint, messageActivity({ id: 'n1', text: 'hi', serviceUrl }), `Bearer ${token}`);
        expect(answer.status).toBe(401);
      }
      expect(fresh.hits).toMatchObject({ metadata: 0, keys: 0 });
    } finally {
      await fresh.close();
    }
  });

  it('answers 401 quickly when the OpenID metadata is unreachable or hangs', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const hanging = createServer(() => {});
    servers.push(hanging);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/openid`;
    for (const openIdMetadataUrl of [`http://127.0.0.1:${closedPort}/openid`, hangingUrl]) {
      const { endpoint: lonely } = await serve({ appId, appPassword: 'app-secret', openIdMetadataUrl, fetchTimeoutMs: 500 });
      const token = await connector.token({ appId, serviceUrl: connector.serviceUrl });
      const started = Date.now();
      const answer = await post(lonely, messageActivity({ id: 'u1', text: 'hi', serviceUrl: connector.serviceUrl }), `Bearer ${token}`);
      expect(answer.status).toBe(401);
      expect((await answer.json()).error.message).toMatch(/signing keys could not be fetched/);
      expect(Date.now() - started).toBeLessThan(5000);
    }
    hanging.closeAllConnections();
  });

  it('without an app id refuses every request unless anonymous mode is on; anonymous replies are unsigned', async () => {
    const before = handled;
    const { endpoint: closed, channel } = await serve({});
    expect(channel.authMode).toBe('closed');
    const token = await connector.token({ appId, serviceUrl: connector.serviceUrl });
    expect((await post(closed, messageActivity({ id: 'c1', text: 'hi', serviceUrl: connector.serviceUrl }), `Bearer ${token}`)).status).toBe(401);
    expect((await post(closed, messageActivity({ id: 'c2', text: 'hi', serviceUrl: connector.serviceUrl }))).status).toBe(401);
    expect(handled).toBe(before);

    const { endpoint: emulator } = await serve({ anonymous: true });
    const answer = await post(emulator, messageActivity({ id: 'e1', text: 'where is my order', serviceUrl: connector.serviceUrl, conversationId: 'emulator-1' }));
    expect(answer.status).toBe(200);
    const [reply] = await connector.waitForCalls((c) => c.path.startsWith('/v3/conversations/emulator-1/') && c.body.type === 'message');
    expect(reply!.body.text).toMatch(/order number/);
    expect(reply!.authorization).toBeUndefined();
  });
});
