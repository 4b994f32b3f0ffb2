import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** One request the stand-in received on the connector's REST API. */
export interface ConnectorCall {
  method: string;
  /** The decoded path, e.g. `/v3/conversations/c1/activities/a1`. */
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  at: number;
}

/** A scripted answer for the next connector calls: status and headers (e.g. 429 with Retry-After). */
export interface ScriptedFailure {
  status: number;
  headers?: Record<string, string>;
}

/**
 * Stands in for Microsoft's side of the Bot Framework on a local port: the OpenID metadata and key set the
 * connector signs with (an RSA key made per run, endorsed for a few channels), the OAuth token endpoint the bot
 * gets reply tokens from, and the connector's REST API at the activities' `serviceUrl`, which records every
 * call and can be scripted to fail. Speaks the real wire formats; nothing here knows about parley.
 */
export async function startConnectorStandIn() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', use: 'sig', alg: 'RS256', endorsements: ['msteams', 'emulator', 'webchat', 'directline'] };
  const calls: ConnectorCall[] = [];
  const failures: ScriptedFailure[] = [];
  const hits = { metadata: 0, keys: 0, token: 0 };
  let nextId = 1;
  let base = '';

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (path === '/openid') {
        hits.metadata += 1;
        return json(200, { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      }
      if (path === '/keys') {
        hits.keys += 1;
        return json(200, { keys: [jwk] });
      }
      if (path === '/token' && req.method === 'POST') {
        hits.token += 1;
        const form = new URLSearchParams(text);
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== 'app-secret') return json(401, { error: 'invalid_client' });
        return json(200, { token_type: 'Bearer', expires_in: 3600, access_token: `reply-token-for-${form.get('client_id')}` });
      }
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
      if (member && req.method === 'GET') {
        // Teams' member list: the one place a bot learns a user's e-mail.
        return json(200, { id: member[1], name: 'Maria Garcia', aadObjectId: 'aad-maria', email: 'maria.garcia@example.com', userPrincipalName: 'maria.garcia@example.com' });
      }
      if (path.startsWith('/v3/conversations/')) {
        calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body: text ? JSON.parse(text) : {}, at: Date.now() });
        const failure = failures.shift();
        if (failure) return json(failure.status, { error: { code: 'scripted', message: `scripted ${failure.status}` } }, failure.headers);
        return json(200, { id: `sent-${nextId++}` });
      }
      json(404, { error: 'not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /**
   * A connector token: valid for `appId` and `serviceUrl` unless `claims` (which replace any standard claim),
   * `header` or `key` ("other": a key the key set does not hold, under the same key id) say otherwise.
   */
  const token = async (options: { appId: string; serviceUrl: string; claims?: JWTPayload; header?: Record<string, unknown>; key?: 'test' | 'other' }) => {
    const nowS = Math.floor(Date.now() / 1000);
    const payload = { serviceurl: options.serviceUrl, iss: 'https://api.botframework.com', aud: options.appId, iat: nowS - 10, nbf: nowS - 10, exp: nowS + 3600, ...options.claims };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT', ...options.header })
      .sign(options.key === 'other' ? otherKey : privateKey);
  };

  /** Waits until `count` connector calls satisfy `match`; returns them. */
  const waitForCalls = async (match: (call: ConnectorCall) => boolean, count = 1, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = calls.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`expected ${count} connector calls, saw ${found.length}: ${JSON.stringify(calls.map((c) => c.path))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    base,
    serviceUrl: `${base}/`,
    openIdMetadataUrl: `${base}/openid`,
    tokenUrl: `${base}/token`,
    calls,
    failures,
    hits,
    token,
    waitForCalls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message activity as the connector posts it. */
export function messageActivity(fields: { id: string; text: string; serviceUrl: string; conversationId?: string; channelId?: string; conversationType?: string; [key: string]: unknown }) {
  const { conversationId = 'conv-1', channelId = 'emulator', conversationType = 'personal', ...rest } = fields;
  return {
    type: 'message',
    channelId,
    from: { id: 'user-1', name: 'Ada' },
    recipient: { id: 'bot-1', name: 'Acme' },
    conversation: { id: conversationId, conversationType },
    locale: 'en-US',
    timestamp: new Date().toISOString(),
    ...rest,
  };
}
