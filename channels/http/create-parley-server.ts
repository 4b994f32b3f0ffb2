import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Bot } from '../../core/create-bot.ts';
import { type BotFrameworkChannel, type BotFrameworkChannelOptions, createBotFrameworkChannel } from '../botframework/bot-framework-channel.ts';
import { createSlackChannel, type SlackChannel, type SlackChannelOptions } from '../slack/slack-channel.ts';
import type { LanguageModel } from '../../engine/llm/language-model.ts';
import { botModelId } from '../openai/bot-model-id.ts';
import { createOpenAIEndpoint } from '../openai/create-openai-endpoint.ts';
import { createDemoPageHandler } from '../web/demo-page.ts';
import { createWebChannel, type WebChannel, type WebChannelOptions } from '../web/web-channel.ts';
import { createWidgetAssetHandler } from '../web/widget-assets.ts';
import { createVoiceAssetHandler } from '../web/voice-assets.ts';
import { type AbuseLimits, defaultAbuseLimits } from './abuse-limits.ts';
import { createClientAddress } from './client-address.ts';
import { HttpError } from './http-error.ts';
import { createRestChannel, type RestChannel } from './rest-channel.ts';
import { attachVoice } from '../voice/attach-voice.ts';
import { lazyVoiceServices } from '../voice/lazy-voice-services.ts';
import { createUtteranceRoute } from '../voice/utterance-route.ts';
import { defaultVoiceLimits } from '../voice/voice-limits.ts';
import type { VoiceOptions } from '../voice/voice-options.ts';
import { sendJson } from './send-json.ts';

/** Options of {@link createParleyServer}. */
export interface ParleyServerOptions {
  bot: Bot;
  botName: string;
  /** One sentence about the bot, shown on the demo page. */
  botDescription?: string;
  log: Logger;
  /**
   * Keys REST callers present as `Authorization: Bearer <key>`. Default none: every REST request is answered
   * 401 (`parley start` passes `PARLEY_API_KEYS` or the generated key).
   */
  apiKeys?: readonly string[];
  /** Largest REST body in bytes. Default 16384. */
  maxBodyBytes?: number;
  /** Per-address limits and request timeouts; each field defaults to {@link defaultAbuseLimits}. */
  limits?: Partial<AbuseLimits>;
  /**
   * Proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client, for the per-address limits.
   * Default none: the peer's address is the client's.
   */
  trustProxy?: readonly string[];
  /**
   * The web channel (socket.io at `/socket.io/`, the widget at `/parley-widget.js`, the demo page at `/`);
   * `false` turns all three off. Default: on, with `defaultWebChannelOptions` and a per-process secret. Its
   * limits default to those of `limits`.
   */
  web?: Omit<WebChannelOptions, 'server' | 'botName' | 'log' | 'now'> | false;
  /**
   * The Bot Framework channel at `POST /api/messages` (Teams and the other Azure Bot Service channels, the
   * Emulator). Default: on and closed, every request 401, until `appId` (or `anonymous`) is set; `false` turns it
   * off. Its `welcome` defaults to a line naming the bot.
   */
  botFramework?: Omit<BotFrameworkChannelOptions, 'log' | 'now'> | false;
  /** The Slack channel at `/slack/events`, `/slack/commands` and `/slack/interactions`. Default off (404). */
  slack?: Omit<SlackChannelOptions, 'log' | 'now'>;
  /**
   * Models `POST /v1/chat/completions` serves raw (generation with tools), by the id clients name, e.g.
   * `{ starter: model }`; the model named `botModelId` always runs a bot turn. Default none.
   */
  models?: Readonly<Record<string, LanguageModel>>;
  /** The model id under which `/v1/chat/completions` runs a bot turn. Default `botModelId(botName)`. */
  botModelId?: string;
  /**
   * Voice: `POST /api/conversations/{id}/utterances` (WAV in, the turn and its speech out, same keys) and the
   * voice events of the widget's socket. Default: on, with pocketsphinx and espeak-ng loaded on first use; `false`
   * turns it off.
   */
  voice?: VoiceOptions | false;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The server `parley start` runs, with its web channel (absent when turned off). */
export type ParleyServer = Server & {
  readonly web: WebChannel | undefined;
  readonly rest: RestChannel;
  readonly botFramework: BotFrameworkChannel | undefined;
  readonly slack: SlackChannel | undefined;
};

const pathOf = (req: IncomingMessage) => {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    throw new HttpError(400, 'invalid_url', 'the request target is not a valid URL');
  }
};

/**
 * The HTTP server `parley start` runs: `GET /healthz`, the REST channel (API keys), the web channel with its
 * widget and demo page, OpenAI's chat-completions protocol under `/v1/` (same keys), and 404 for the rest. Headers must arrive within `limits.headersTimeoutMs` and a REST
 * body within `limits.bodyTimeoutMs`. Stop it with `await server.web?.stop()` (which drops the widget
 * connections), then `server.close()`.
 */
export function createParleyServer(options: ParleyServerOptions): ParleyServer {
  const now = options.now ?? Date.now;
  const started = now();
  const limits: AbuseLimits = { ...defaultAbuseLimits, ...options.limits };
  const clientAddress = createClientAddress(options.trustProxy);
  const rest = createRestChannel({
    log: options.log,
    maxBodyBytes: options.maxBodyBytes ?? 16_384,
    now,
    apiKeys: options.apiKeys ?? [],
    bodyTimeoutMs: limits.bodyTimeoutMs,
    requestsPerAddress: limits.restRequestsPerAddress,
    pendingBodiesPerAddress: limits.pendingBodiesPerAddress,
    clientAddress,
  });
  void rest.start(options.bot);
  const botFramework =
    options.botFramework === false
      ? undefined
      : createBotFrameworkChannel({
          welcome: `Hi! I'm ${options.botName}.${options.botDescription ? ` ${options.botDescription}` : ''}`,
          bodyTimeoutMs: limits.bodyTimeoutMs,
          ...options.botFramework,
          log: options.log,
          now,
        });
  void botFramework?.start(options.bot);
  const slack = options.slack ? createSlackChannel({ bodyTimeoutMs: limits.bodyTimeoutMs, ...options.slack, log: options.log, now }) : undefined;
  void slack?.start(options.bot);
  const openai = createOpenAIEndpoint({
    bot: options.bot,
    botName: options.botModelId ?? botModelId(options.botName),
    models: options.models ?? {},
    apiKeys: options.apiKeys ?? [],
    log: options.log,
    bodyTimeoutMs: limits.bodyTimeoutMs,
    requestsPerAddress: limits.restRequestsPerAddress,
    pendingBodiesPerAddress: limits.pendingBodiesPerAddress,
    clientAddress,
    now,
  });
  const webOn = options.web !== false;
  const widget = createWidgetAssetHandler();
  const voiceAssets = options.voice === false ? undefined : createVoiceAssetHandler();
  const topics = [...options.bot.registry.intents.entries()].flatMap(([name, intent]) =>
    intent.title && intent.suggest !== false ? [options.bot.registry.title(name)] : [],
  );
  const demoPage = createDemoPageHandler({
    botName: options.botName,
    topics,
    ...(options.botDescription ? { description: options.botDescription } : {}),
  });

  const voice = options.voice === false ? undefined : lazyVoiceServices(options.voice ?? {}, options.bot, options.log);
  const voiceLimits = { ...defaultVoiceLimits, ...(options.voice ? options.voice.limits : {}) };
  const utterances = voice
    ? createUtteranceRoute({
        voice,
        apiKeys: options.apiKeys ?? [],
        limits: voiceLimits,
        bodyTimeoutMs: limits.bodyTimeoutMs,
        requestsPerAddress: limits.restRequestsPerAddress,
        clientAddress,
        log: options.log,
        now,
      })
    : undefined;

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    if (path === '/healthz' && req.method === 'GET') {
      const health = await options.bot.health();
      if (health.status !== 'ok') res.setHeader('retry-after', '5');
      sendJson(res, health.status === 'ok' ? 200 : 503, { ...health, bot: options.botName, uptime_s: (now() - started) / 1000 });
      return;
    }
    if (webOn && ((await widget(req, res)) || (await voiceAssets?.(req, res)) || demoPage(req, res))) return;
    if (await openai.handle(req, res)) return;
    if ((await botFramework?.handle(req, res)) || (await slack?.handle(req, res))) return;
    if (await utterances?.handle(req, res)) return;
    if (!(await rest.handle(req, res)))
      sendJson(res, 404, { error: { code: 'not_found', message: `nothing at ${req.method} ${path}` } });
  };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      // A backstop for what the REST channel's own body timer does not cover (bodies sent to other routes).
      requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(limits.headersTimeoutMs, limits.bodyTimeoutMs) / 4),
    },
    (req, res) => {
      route(req, res).catch((error: unknown) => {
        if (error instanceof HttpError) {
          if (!res.headersSent) sendJson(res, error.status, { error: { code: error.code, message: error.message } });
          return;
        }
        options.log.error({ err: error }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'the request failed' } });
      });
    },
  );
  const web =
    options.web === false
      ? undefined
      : createWebChannel({
          messagesPerConnection: limits.socketMessagesPerConnection,
          messagesPerAddress: limits.socketMessagesPerAddress,
          connectsPerAddress: limits.socketConnectsPerAddress,
          openSocketsPerAddress: limits.openSocketsPerAddress,
          clientAddress,
          ...options.web,
          server,
          botName: options.botName,
          ...(voice ? { voice: { sampleRate: 16_000 } } : {}),
          log: options.log,
          now,
        });
  // Attaching is synchronous inside start(), so socket.io is in place before the caller listens.
  void web?.start(options.bot);
  if (web?.io && voice) attachVoice(web.io, { voice, limits: voiceLimits, log: options.log, now });
  return Object.assign(server, { web, rest, botFramework, slack });
}
