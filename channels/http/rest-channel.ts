import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { turnLimits } from '../../core/check-turn.ts';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { Channel, ConversationReference } from '../../core/contracts/channel.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import { createRateLimiter, type RateLimitOptions } from '../web/rate-limiter.ts';
import { defaultAbuseLimits } from './abuse-limits.ts';
import { createAddressSlots } from './address-slots.ts';
import { createApiKeyCheck } from './api-key-check.ts';
import { type ClientAddress, createClientAddress } from './client-address.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json-body.ts';
import { parseRestMessage, restUserId } from './rest-message-body.ts';
import { sendJson } from './send-json.ts';
import { sendRestError } from './send-rest-error.ts';

/** Options of {@link createRestChannel}. */
export interface RestChannelOptions {
  /**
   * Keys callers present as `Authorization: Bearer <key>`. Default none: every request is answered 401, so a
   * server is never open by accident (`parley start` passes `PARLEY_API_KEYS` or a generated key).
   */
  apiKeys?: readonly string[];
  log?: Logger;
  /** Largest request body in bytes. Default 16384. */
  maxBodyBytes?: number;
  /** Milliseconds a client may take to send the body. Default 10000. */
  bodyTimeoutMs?: number;
  /** Requests per client address (`false`: none). Default 60 at once, then 600 a minute. */
  requestsPerAddress?: RateLimitOptions | false;
  /** Requests per client address still sending their body at once. Default 10. */
  pendingBodiesPerAddress?: number;
  /** The client address of a request. Default: the peer's address (no proxy believed). */
  clientAddress?: ClientAddress;
  /** Seconds a client is told to wait (`Retry-After`) when the store cannot take the turn. Default 1. */
  retryAfterS?: number;
  /** Turn ids when the client sends none. Default `randomUUID`. */
  newId?: () => string;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The defaults of {@link RestChannelOptions}. */
export const defaultRestChannelOptions = {
  maxBodyBytes: 16_384,
  retryAfterS: 1,
  bodyTimeoutMs: defaultAbuseLimits.bodyTimeoutMs,
  requestsPerAddress: defaultAbuseLimits.restRequestsPerAddress,
  pendingBodiesPerAddress: defaultAbuseLimits.pendingBodiesPerAddress,
};

/** The REST channel: a {@link Channel} whose `handle` answers `/api/…` and returns false for other requests. */
export interface RestChannel extends Channel {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

const route = /^\/api\/conversations\/([^/]+)\/(messages|history)$/;

function pageQuery(url: URL): { limit?: number; cursor?: string } {
  const limit = url.searchParams.get('limit');
  const cursor = url.searchParams.get('cursor');
  if (limit !== null && !/^\d{1,6}$/.test(limit)) throw new HttpError(422, 'invalid_query', 'limit must be a whole number');
  if (cursor !== null && (cursor.length > 1024 || /\p{Cs}/u.test(cursor))) throw new HttpError(422, 'invalid_query', 'the cursor is not one this server gave');
  return { ...(limit !== null ? { limit: Number(limit) } : {}), ...(cursor !== null ? { cursor } : {}) };
}

function conversationIdOf(encoded: string): string {
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    throw new HttpError(400, 'invalid_conversation_id', 'the conversation id is not valid percent-encoded UTF-8');
  }
  if (id.length > turnLimits.maxIdLength)
    throw new HttpError(422, 'invalid_conversation_id', `conversation ids are limited to ${turnLimits.maxIdLength} UTF-16 code units`);
  if (id.trim() === '') throw new HttpError(422, 'invalid_conversation_id', 'the conversation id must not be blank');
  return id;
}

/**
 * The REST channel. Every `/api/…` request needs `Authorization: Bearer <key>` (checked before anything else,
 * so a 401 tells nothing about which conversations exist). `POST /api/conversations/{id}/messages` with
 * `{ text, turnId?, userId?, locale? }` runs a turn and answers `{ conversationId, turnId, status, reply, events }`
 * once the turn is stored and done; `GET /api/conversations/{id}/history?limit=&cursor=` returns a page of the
 * whole transcript, oldest first, with the `next` cursor. Malformed input gets a 4xx with
 * `{ error: { code, message } }`; too many requests from one address 429 with `Retry-After`; a turn the store
 * could not take or save 503 with `Retry-After` (send it again with the same `turnId`: it runs once).
 */
export function createRestChannel(options: RestChannelOptions = {}): RestChannel {
  const log = options.log ?? pino({ level: 'silent' });
  const settings = { ...defaultRestChannelOptions, ...definedOnly(options) };
  const newId = options.newId ?? randomUUID;
  const now = options.now ?? Date.now;
  const authorized = createApiKeyCheck(options.apiKeys ?? []);
  const clientAddress = options.clientAddress ?? createClientAddress();
  const limiter = settings.requestsPerAddress ? createRateLimiter(settings.requestsPerAddress, now) : undefined;
  const pendingBodies = createAddressSlots(settings.pendingBodiesPerAddress);
  let bot: TurnHandler | undefined;

  const postMessage = async (req: IncomingMessage, res: ServerResponse, conversationId: string, address: string) => {
    const release = pendingBodies.take(address);
    if (!release) {
      res.setHeader('retry-after', String(Math.ceil(settings.bodyTimeoutMs / 1000)));
      throw new HttpError(429, 'rate_limited', `too many requests from ${address} are still sending their body`);
    }
    let raw: unknown;
    try {
      raw = await readJsonBody(req, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs });
    } finally {
      release();
    }
    const body = parseRestMessage(raw);
    const turnId = body.turnId ?? newId();
    const result = await bot!.handle({
      id: turnId,
      conversationId,
      user: { id: body.userId ?? restUserId(conversationId), verified: false },
      channel: 'rest',
      text: body.text,
      // Without a locale the bot reads the language from the text (a bot of one language just speaks it).
      locale: body.locale ?? 'und',
      timestamp: now(),
    });
    const reply = result.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join('\n');
    sendJson(res, 200, { conversationId, turnId, status: result.status, reply, events: result.events });
  };

  const getHistory = async (url: URL, res: ServerResponse, conversationId: string) => {
    const page = await bot!.transcript(conversationId, pageQuery(url));
    sendJson(res, 200, { conversationId, history: page.entries, next: page.next });
  };

  const answerError = (error: unknown, res: ServerResponse, path: string) =>
    sendRestError(res, error, { log, path, retryAfterS: settings.retryAfterS, what: 'REST request' });

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const address = clientAddress(req);
    const decision = limiter?.take(address);
    if (decision && !decision.ok) {
      res.setHeader('retry-after', String(Math.ceil(decision.retryAfterMs / 1000)));
      throw new HttpError(429, 'rate_limited', `too many requests; try again in ${Math.ceil(decision.retryAfterMs / 1000)} s`);
    }
    if (!authorized(req.headers.authorization)) {
      res.setHeader('www-authenticate', 'Bearer');
      throw new HttpError(401, 'unauthorized', 'send a valid API key as "Authorization: Bearer <key>"');
    }
    if (!bot) throw new HttpError(503, 'not_started', 'the REST channel is not started');
    const match = route.exec(url.pathname);
    if (!match) throw new HttpError(404, 'not_found', `nothing at ${req.method} ${url.pathname}`);
    const conversationId = conversationIdOf(match[1]!);
    if (match[2] === 'messages' && req.method === 'POST') await postMessage(req, res, conversationId, address);
    else if (match[2] === 'history' && req.method === 'GET') await getHistory(url, res, conversationId);
    else throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
  };

  return {
    name: 'rest',
    async start(handler) {
      bot = handler;
    },
    async stop() {
      bot = undefined;
    },
    async send(reference: ConversationReference, _events: readonly BotEvent[]) {
      throw new HttpError(501, 'not_supported', `the REST channel cannot push to conversation "${reference.conversationId}": REST clients poll its history`);
    },
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
      try {
        await serve(req, res, url);
      } catch (error) {
        answerError(error, res, url.pathname);
      }
      return true;
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
