import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Bot } from '../../core/create-bot.ts';
import { createRestHandler } from './rest-channel.ts';
import { sendJson } from './send-json.ts';

/** Options of {@link createParleyServer}. */
export interface ParleyServerOptions {
  bot: Bot;
  botName: string;
  log: Logger;
  /** Largest REST body in bytes. Default 16384. */
  maxBodyBytes?: number;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The HTTP server `parley start` runs: `GET /healthz`, the REST channel, and 404 for the rest. */
export function createParleyServer(options: ParleyServerOptions): Server {
  const now = options.now ?? Date.now;
  const started = now();
  const rest = createRestHandler({ bot: options.bot, log: options.log, maxBodyBytes: options.maxBodyBytes ?? 16_384, now });
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz' && req.method === 'GET') {
      sendJson(res, 200, { status: 'ok', bot: options.botName, uptime_s: (now() - started) / 1000 });
      return;
    }
    rest(req, res)
      .then((handled) => {
        if (!handled) sendJson(res, 404, { error: { code: 'not_found', message: `nothing at ${req.method} ${path}` } });
      })
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'the request failed' } });
      });
  });
}
