import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the stand-in received: a Web API method or a slash command's `response_url`. */
export interface SlackCall {
  path: string;
  method: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  query: Record<string, string>;
  at: number;
}

/**
 * Stands in for Slack's Web API (`/api/<method>`) and slash-command response URLs (`/hooks/…`) on a local port,
 * recording every call; the next `chat.postMessage` calls can be scripted to fail (e.g. 429 with Retry-After), and
 * the streaming methods (`chat.startStream`, `chat.appendStream`, `chat.stopStream`) can be switched off.
 * `users.info` knows one user with an e-mail (`U_MARIA`).
 */
export async function startSlackStandIn() {
  const calls: SlackCall[] = [];
  const failures: { status: number; headers?: Record<string, string> }[] = [];
  /** Whether this "workspace" has Slack's streaming methods (`unknown_method` otherwise). */
  const streaming = { available: true };
  let ts = 1_700_000_000;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const text = Buffer.concat(chunks).toString('utf8');
      const call: SlackCall = {
        path: url.pathname,
        method: req.method ?? '',
        authorization: req.headers.authorization,
        body: text ? JSON.parse(text) : {},
        query: Object.fromEntries(url.searchParams),
        at: Date.now(),
      };
      calls.push(call);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (call.authorization !== 'Bearer xoxb-test' && url.pathname.startsWith('/api/')) return json(200, { ok: false, error: 'invalid_auth' });
      if (url.pathname === '/api/chat.postMessage') {
        const failure = failures.shift();
        if (failure) return json(failure.status, { ok: false, error: failure.status === 429 ? 'ratelimited' : 'fatal_error' }, failure.headers);
        ts += 1;
        return json(200, { ok: true, channel: call.body.channel, ts: `${ts}.000100` });
      }
      if (url.pathname === '/api/chat.startStream') {
        if (!streaming.available) return json(200, { ok: false, error: 'unknown_method' });
        if (!call.body.thread_ts || !call.body.recipient_user_id) return json(200, { ok: false, error: 'invalid_arguments' });
        ts += 1;
        return json(200, { ok: true, channel: call.body.channel, ts: `${ts}.000200` });
      }
      if (url.pathname === '/api/chat.appendStream' || url.pathname === '/api/chat.stopStream') {
        return json(200, { ok: true, channel: call.body.channel, ts: call.body.ts });
      }
      if (url.pathname === '/api/users.info') {
        const email = call.query.user === 'U_MARIA' ? { email: 'maria.garcia@example.com' } : {};
        return json(200, { ok: true, user: { id: call.query.user, profile: email } });
      }
      if (url.pathname.startsWith('/hooks/')) return json(200, { ok: true });
      json(404, { ok: false, error: 'unknown_method' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitForCalls = async (match: (call: SlackCall) => boolean, count = 1, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = calls.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`expected ${count} Slack calls, saw ${found.length}: ${JSON.stringify(calls.map((c) => c.path))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id: string) => `${base}/hooks/commands/${id}`,
    calls,
    failures,
    streaming,
    waitForCalls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Slack's v0 signature headers for a body, as Slack sends them. */
export function slackSignature(secret: string, body: string, timestampS = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestampS}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestampS), 'x-slack-signature': signature };
}

/** An Events API callback as Slack posts it. */
export function eventCallback(eventId: string, event: Record<string, unknown>) {
  return {
    token: 'deprecated',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event,
  };
}
