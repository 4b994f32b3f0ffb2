import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import { benchKeepAliveMs, createJsonClient, readText } from './http-client.ts';
import type { TurnTarget } from './target.ts';

/**
 * How the echo bot's reply reaches the load generator:
 * - `expectReplies`: the activity carries `deliveryMode: "expectReplies"`, so CloudAdapter buffers the bot's
 *   replies and answers the `/api/messages` POST with `{ activities: [...] }` — one HTTP exchange per turn,
 *   the same shape as parley's REST turn (the stricter baseline, and the default);
 * - `serviceUrl`: the normal Bot Framework path — the bot's connector client POSTs the reply to
 *   `<serviceUrl>/v3/conversations/:id/activities/:activityId` (a mock channel server in this process, which
 *   answers 200 `{ id }`), and the `/api/messages` POST answers 200 once the turn is done; a turn is timed
 *   until both have arrived.
 */
export type EchoMode = 'expectReplies' | 'serviceUrl';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context: TurnContext, next) => {
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }
}

const listen = (server: ReturnType<typeof createServer>) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

/**
 * A bare botbuilder echo bot: `CloudAdapter` with `ConfigurationBotFrameworkAuthentication` in anonymous mode
 * (no app id, so no JWT validation and no outbound token), behind `POST /api/messages` on a node:http server.
 */
export async function createEchoTarget(mode: EchoMode): Promise<TurnTarget> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (_context, error) => {
    process.stderr.write(`echo bot turn error: ${String(error)}\n`);
  };
  const bot = new EchoBot();

  /** Replies posted to the mock channel, by the id of the activity they answer. */
  const waiting = new Map<string, (text: string) => void>();

  const handleMessages = async (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.parse(await readText(req)) as Record<string, unknown>;
    let payload: string | undefined;
    // The minimal express-like request and response CloudAdapter.process expects.
    const request = {
      body,
      headers: req.headers as Record<string, string | string[] | undefined>,
      method: req.method,
    };
    const response = {
      socket: res.socket,
      status(code: number) {
        res.statusCode = code;
      },
      header(name: string, value: unknown) {
        res.setHeader(name, String(value));
      },
      send(sent: unknown) {
        if (typeof sent === 'string') payload = sent;
        else {
          res.setHeader('content-type', 'application/json');
          payload = JSON.stringify(sent);
        }
      },
      end() {
        res.end(payload);
      },
    };
    await adapter.process(request, response, (context) => bot.run(context));
  };

  const handleChannel = async (req: IncomingMessage, res: ServerResponse, replyTo: string) => {
    const activity = JSON.parse(await readText(req)) as { text?: string };
    waiting.get(replyTo)?.(activity.text ?? '');
    waiting.delete(replyTo);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: randomUUID() }));
  };

  const channelRoute = /^\/v3\/conversations\/[^/]+\/activities\/([^/]+)$/;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const channel = channelRoute.exec(path);
    const handled =
      req.method === 'POST' && path === '/api/messages'
        ? handleMessages(req, res)
        : req.method === 'POST' && channel
          ? handleChannel(req, res, decodeURIComponent(channel[1]!))
          : Promise.resolve(void res.writeHead(404).end());
    handled.catch((error: unknown) => {
      process.stderr.write(`echo server error: ${String(error)}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = benchKeepAliveMs;
  const port = await listen(server);
  const serviceUrl = `http://127.0.0.1:${port}`;
  const client = createJsonClient(port);

  return {
    name: 'echo',
    description:
      mode === 'expectReplies'
        ? 'botbuilder CloudAdapter echo, deliveryMode "expectReplies" (reply in the /api/messages response)'
        : 'botbuilder CloudAdapter echo, reply POSTed by the connector client to a mock channel (serviceUrl)',
    async turn(conversationId, text) {
      const id = randomUUID();
      const activity = {
        type: 'message',
        id,
        channelId: 'bench',
        serviceUrl,
        timestamp: new Date().toISOString(),
        from: { id: `user-${conversationId}`, name: 'bench user' },
        recipient: { id: 'echo-bot', name: 'echo bot' },
        conversation: { id: conversationId },
        text,
        ...(mode === 'expectReplies' ? { deliveryMode: 'expectReplies' } : {}),
      };
      if (mode === 'expectReplies') {
        const answer = await client.post('/api/messages', activity);
        const activities = (answer.body as { activities?: { text?: string }[] } | undefined)?.activities;
        if (answer.status !== 200 || !activities?.length) {
          throw new Error(`echo: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
        }
        return activities.map((a) => a.text ?? '').join('\n');
      }
      const reply = new Promise<string>((resolve) => waiting.set(id, resolve));
      const answer = await client.post('/api/messages', activity);
      if (answer.status !== 200)
        throw new Error(`echo: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
      // The adapter answers after the bot's turn, which awaited the reply POST, so this is normally settled.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`echo: no reply reached the mock channel for ${id}`)),
          10_000,
        );
      });
      try {
        return await Promise.race([reply, late]);
      } finally {
        clearTimeout(timer);
        waiting.delete(id);
      }
    },
    async close() {
      client.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
