import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import type { LanguageModel } from '../../engine/llm/language-model.ts';
import type { WireModel } from '../../engine/llm/openai/openai-wire.ts';
import { defaultAbuseLimits } from '../http/abuse-limits.ts';
import { createAddressSlots } from '../http/address-slots.ts';
import { type ApiKeyCheck, createApiKeyCheck } from '../http/api-key-check.ts';
import { type ClientAddress, createClientAddress } from '../http/client-address.ts';
import { abortedRequestCode, readJsonBody } from '../http/read-json-body.ts';
import { sendJson } from '../http/send-json.ts';
import { createRateLimiter, type RateLimitOptions } from '../web/rate-limiter.ts';
import { completeWithBot } from './complete-with-bot.ts';
import { completeWithModel } from './complete-with-model.ts';
import type { CompletionMeta } from './completion-shapes.ts';
import { OpenAIHttpError } from './openai-http-error.ts';
import { parseChatRequest } from './parse-chat-request.ts';
import { sendOpenAIError } from './send-openai-error.ts';
import { toOpenAIHttpError } from './to-openai-http-error.ts';

/** Options of {@link createOpenAIEndpoint}. Defaults are in {@link defaultOpenAIEndpointOptions}. */
export interface OpenAIEndpointOptions {
  /** The bot whose turns the model named `botName` runs. */
  bot: TurnHandler;
  /** The model id that runs a parley turn, e.g. "acme". */
  botName: string;
  /** Models served raw (generation with tools), by the id clients ask for, e.g. `{ starter: model }`. Default none. */
  models?: Readonly<Record<string, LanguageModel>>;
  /** Keys callers present as `Authorization: Bearer <key>`; ignored when `authorize` is set. Default none: all 401. */
  apiKeys?: readonly string[];
  /** Decides whether a request's `Authorization` header may pass. Default: a check against `apiKeys`. */
  authorize?: ApiKeyCheck;
  log?: Logger;
  /** Largest request body in bytes. Default 1 MiB (a raw request carries its whole history and tools). */
  maxBodyBytes?: number;
  /** Milliseconds a client may take to send the body. Default 10,000. */
  bodyTimeoutMs?: number;
  /** Seconds a client is told to wait (`Retry-After`) on a 503. Default 1. */
  retryAfterS?: number;
  /** Requests per client address (`false`: none). Default the REST API's: 60 at once, then 600 a minute. */
  requestsPerAddress?: RateLimitOptions | false;
  /** Requests per client address still sending their body at once. Default 10. */
  pendingBodiesPerAddress?: number;
  /** The client address of a request. Default: the peer's address (no proxy believed). */
  clientAddress?: ClientAddress;
  /** Turn, completion and tool-call ids. Default `randomUUID`. */
  newId?: () => string;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link OpenAIEndpointOptions}. */
export const defaultOpenAIEndpointOptions = {
  maxBodyBytes: 1_048_576,
  bodyTimeoutMs: defaultAbuseLimits.bodyTimeoutMs,
  retryAfterS: 1,
  requestsPerAddress: defaultAbuseLimits.restRequestsPerAddress,
  pendingBodiesPerAddress: defaultAbuseLimits.pendingBodiesPerAddress,
} as const;

/** OpenAI's chat-completions protocol in front of a parley bot; `handle` answers `/v1/…` and returns false for other paths. */
export interface OpenAIEndpoint {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

/**
 * Serves `GET /v1/models`, `GET /v1/models/{id}` and `POST /v1/chat/completions` (streamed or not), so any
 * OpenAI client can talk to the bot: the model named `botName` runs a parley turn per request, each of `models`
 * serves raw generation with tools. Every request needs a valid API key and is counted against its address's
 * limits, as on the REST API; errors come as OpenAI's `{ error: { message, type, code, param } }`.
 * @example
 * const endpoint = createOpenAIEndpoint({ bot, botName: 'acme', models: { starter }, apiKeys: [key] });
 * createServer(async (req, res) => { if (!(await endpoint.handle(req, res))) res.writeHead(404).end(); });
 */
export function createOpenAIEndpoint(options: OpenAIEndpointOptions): OpenAIEndpoint {
  const log = options.log ?? pino({ level: 'silent' });
  const settings = {
    maxBodyBytes: options.maxBodyBytes ?? defaultOpenAIEndpointOptions.maxBodyBytes,
    bodyTimeoutMs: options.bodyTimeoutMs ?? defaultOpenAIEndpointOptions.bodyTimeoutMs,
    retryAfterS: options.retryAfterS ?? defaultOpenAIEndpointOptions.retryAfterS,
  };
  const authorize = options.authorize ?? createApiKeyCheck(options.apiKeys ?? []);
  const newId = options.newId ?? randomUUID;
  const now = options.now ?? Date.now;
  const clientAddress = options.clientAddress ?? createClientAddress();
  const rate = options.requestsPerAddress ?? defaultOpenAIEndpointOptions.requestsPerAddress;
  const limiter = rate ? createRateLimiter(rate, now) : undefined;
  const pendingBodies = createAddressSlots(options.pendingBodiesPerAddress ?? defaultOpenAIEndpointOptions.pendingBodiesPerAddress);
  const models = options.models ?? {};
  const created = Math.floor(now() / 1000);
  const listed = (id: string): WireModel => ({ id, object: 'model', created, owned_by: 'parley' });
  const ids = [options.botName, ...Object.keys(models).filter((id) => id !== options.botName)];

  const readRequest = async (req: IncomingMessage, res: ServerResponse, address: string) => {
    const release = pendingBodies.take(address);
    if (!release) {
      res.setHeader('retry-after', String(Math.ceil(settings.bodyTimeoutMs / 1000)));
      throw new OpenAIHttpError(429, 'rate_limit_error', 'rate_limit_exceeded', `Too many requests from ${address} are still sending their body.`);
    }
    try {
      return parseChatRequest(await readJsonBody(req, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs }));
    } finally {
      release();
    }
  };

  const chat = async (req: IncomingMessage, res: ServerResponse, address: string) => {
    const request = await readRequest(req, res, address);
    const meta: CompletionMeta = { id: `chatcmpl-${newId()}`, model: request.model, created: Math.floor(now() / 1000) };
    if (request.model === options.botName) return completeWithBot({ bot: options.bot, request, req, res, meta, newId, now });
    const model = Object.hasOwn(models, request.model) ? models[request.model] : undefined;
    if (!model)
      throw new OpenAIHttpError(404, 'invalid_request_error', 'model_not_found', `The model "${request.model}" does not exist; GET /v1/models lists ${ids.join(', ')}`, 'model');
    const served = await completeWithModel({ model, request, res, meta, newId });
    log.info(
      { id: meta.id, model: request.model, stream: request.stream === true, finishReason: served.finishReason, toolCalls: served.toolCalls, usage: served.usage },
      'model completion served',
    );
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const address = clientAddress(req);
    const decision = limiter?.take(address);
    if (decision && !decision.ok) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      res.setHeader('retry-after', String(seconds));
      throw new OpenAIHttpError(429, 'rate_limit_error', 'rate_limit_exceeded', `Too many requests; try again in ${seconds} s.`);
    }
    if (!authorize(req.headers.authorization)) {
      res.setHeader('www-authenticate', 'Bearer');
      throw new OpenAIHttpError(401, 'invalid_request_error', 'invalid_api_key', 'Send a valid API key as "Authorization: Bearer <key>".');
    }
    if (path === '/v1/models' && req.method === 'GET') return sendJson(res, 200, { object: 'list', data: ids.map(listed) });
    const one = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (one && req.method === 'GET') {
      const id = decodeURIComponent(one[1]!);
      if (!ids.includes(id)) throw new OpenAIHttpError(404, 'invalid_request_error', 'model_not_found', `The model "${id}" does not exist`, 'model');
      return sendJson(res, 200, listed(id));
    }
    if (path === '/v1/chat/completions' && req.method === 'POST') return chat(req, res, address);
    if (path === '/v1/chat/completions' || path === '/v1/models' || one)
      throw new OpenAIHttpError(405, 'invalid_request_error', 'method_not_allowed', `${req.method} is not allowed on ${path}`);
    throw new OpenAIHttpError(404, 'invalid_request_error', 'not_found', `Nothing at ${req.method} ${path}; parley serves /v1/models and /v1/chat/completions`);
  };

  const answerError = (thrown: unknown, res: ServerResponse, path: string) => {
    if ((thrown as { code?: unknown } | null)?.code === abortedRequestCode) {
      res.destroy();
      return;
    }
    const { error, internal } = toOpenAIHttpError(thrown);
    if (internal) log.error({ err: thrown, path }, 'OpenAI-compatible request failed');
    else if (error.status >= 500) log.warn({ err: thrown, path }, 'OpenAI-compatible request not served');
    if (error.status === 503 && !res.headersSent) res.setHeader('retry-after', String(settings.retryAfterS));
    if ((error.status === 408 || error.status === 413) && !res.headersSent) res.setHeader('connection', 'close');
    sendOpenAIError(res, error);
  };

  return {
    async handle(req, res) {
      let path: string;
      try {
        path = new URL(req.url ?? '/', 'http://localhost').pathname;
      } catch {
        return false;
      }
      if (path !== '/v1' && !path.startsWith('/v1/')) return false;
      try {
        await serve(req, res, path);
      } catch (error) {
        answerError(error, res, path);
      }
      return true;
    },
  };
}
