import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Bot } from '../../core/create-bot.ts';
import { createDemoPageHandler } from '../web/demo-page.ts';
import { createWebChannel, type WebChannel, type WebChannelOptions } from '../web/web-channel.ts';
import { createWidgetAssetHandler } from '../web/widget-assets.ts';
import { createRestChannel, type RestChannel } from './rest-channel.ts';
import { sendJson } from './send-json.ts';

/** Options of {@link createParleyServer}. */
export interface ParleyServerOptions {
  bot: Bot;
  botName: string;
  /** One sentence about the bot, shown on the demo page. */
  botDescription?: string;
  log: Logger;
  /** Largest REST body in bytes. Default 16384. */
  maxBodyBytes?: number;
  /**
   * The web channel (socket.io at `/socket.io/`, the widget at `/parley-widget.js`, the demo page at `/`);
   * `false` turns all three off. Default: on, with `defaultWebChannelOptions` and a per-process secret.
   */
  web?: Omit<WebChannelOptions, 'server' | 'botName' | 'log' | 'now'> | false;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The server `parley start` runs, with its web channel (absent when turned off). */
export type ParleyServer = Server & { readonly web: WebChannel | undefined; readonly rest: RestChannel };

/**
 * The HTTP server `parley start` runs: `GET /healthz`, the REST channel, the web channel with its widget and demo
 * page, and 404 for the rest. Stop it with `await server.web?.stop()` (which drops the widget connections), then
 * `server.close()`.
 */
export function createParleyServer(options: ParleyServerOptions): ParleyServer {
  const now = options.now ?? Date.now;
  const started = now();
  const rest = createRestChannel({ log: options.log, maxBodyBytes: options.maxBodyBytes ?? 16_384, now });
  void rest.start(options.bot);
  const webOn = options.web !== false;
  const widget = createWidgetAssetHandler();
  const topics = [...options.bot.registry.intents.entries()].flatMap(([name, intent]) =>
    intent.title && intent.suggest !== false ? [options.bot.registry.title(name)] : [],
  );
  const demoPage = createDemoPageHandler({
    botName: options.botName,
    topics,
    ...(options.botDescription ? { description: options.botDescription } : {}),
  });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz' && req.method === 'GET') {
      const health = await options.bot.health();
      if (health.status !== 'ok') res.setHeader('retry-after', '5');
      sendJson(res, health.status === 'ok' ? 200 : 503, { ...health, bot: options.botName, uptime_s: (now() - started) / 1000 });
      return;
    }
    if (webOn && ((await widget(req, res)) || demoPage(req, res))) return;
    if (!(await rest.handle(req, res)))
      sendJson(res, 404, { error: { code: 'not_found', message: `nothing at ${req.method} ${path}` } });
  };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      options.log.error({ err: error }, 'request failed');
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'internal', message: 'the request failed' } });
    });
  });
  const web =
    options.web === false
      ? undefined
      : createWebChannel({ ...options.web, server, botName: options.botName, log: options.log, now });
  // Attaching is synchronous inside start(), so socket.io is in place before the caller listens.
  void web?.start(options.bot);
  return Object.assign(server, { web, rest });
}
