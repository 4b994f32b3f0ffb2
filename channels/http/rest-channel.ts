import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { turnLimits } from '../../core/check-turn.ts';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { Channel, ConversationReference } from '../../core/contracts/channel.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import { isRetryableTurnError } from '../../core/leased-turn-processor.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json-body.ts';
import { sendJson } from './send-json.ts';

/** Options of {@link createRestChannel}. */
export interface RestChannelOptions {
  log?: Logger;
  /** Largest request body in bytes. Default 16384. */
  maxBodyBytes?: number;
  /** Seconds a client is told to wait (`Retry-After`) when the store cannot take the turn. Default 1. */
  retryAfterS?: number;
  /** Turn ids when the client sends none. Default `randomUUID`. */
  newId?: () => string;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The defaults of {@link RestChannelOptions}. */
export const defaultRestChannelOptions = { maxBodyBytes: 16_384, retryAfterS: 1 };

/** The REST channel: a {@link Channel} whose `handle` answers its routes and returns false for other requests. */
export interface RestChannel extends Channel {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

const messageBody = z
  .object({
    text: z.string({ error: 'text is required and must be a string' }).trim().min(1, 'text must not be empty').max(turnLimits.maxTextLength, `text is limited to ${turnLimits.maxTextLength} characters`),
    /** Idempotency key: a retry with the same id returns the first reply. */
    turnId: z.string().min(1).max(turnLimits.maxIdLength).optional(),
    userId: z.string().min(1).max(turnLimits.maxIdLength).optional(),
    locale: z.string().min(2).max(35).optional(),
  })
  .strict();

const route = /^\/api\/conversations\/([^/]+)\/(messages|history)$/;

function pageQuery(url: URL): { limit?: number; cursor?: string } {
  const limit = url.searchParams.get('limit');
  const cursor = url.searchParams.get('cursor');
  if (limit !== null && !/^\d{1,6}$/.test(limit)) throw new HttpError(422, 'invalid_query', 'limit must be a whole number');
  return { ...(limit !== null ? { limit: Number(limit) } : {}), ...(cursor !== null ? { cursor } : {}) };
}

/**
 * The REST channel. `POST /api/conversations/{id}/messages` with `{ text, turnId?, userId?, locale? }` runs a
 * turn and answers `{ conversationId, turnId, status, reply, events }` once the turn is stored and done;
 * `GET /api/conversations/{id}/history?limit=&cursor=` returns a page of the whole transcript, oldest first, with
 * the `next` cursor. Malformed input gets a 4xx with `{ error: { code, message } }`; a turn the store could not
 * take or save gets 503 with `Retry-After` (send it again with the same `turnId`: it runs once).
 */
export function createRestChannel(options: RestChannelOptions = {}): RestChannel {
  const log = options.log ?? pino({ level: 'silent' });
  const maxBodyBytes = options.maxBodyBytes ?? defaultRestChannelOptions.maxBodyBytes;
  const retryAfterS = options.retryAfterS ?? defaultRestChannelOptions.retryAfterS;
  const newId = options.newId ?? randomUUID;
  const now = options.now ?? Date.now;
  let bot: TurnHandler | undefined;

  const postMessage = async (req: IncomingMessage, res: ServerResponse, conversationId: string) => {
    const parsed = messageBody.safeParse(await readJsonBody(req, maxBodyBytes));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HttpError(422, 'invalid_message', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const body = parsed.data;
    const turnId = body.turnId ?? newId();
    const result = await bot!.handle({
      id: turnId,
      conversationId,
      user: { id: body.userId ?? `rest:${conversationId}`, verified: false },
      channel: 'rest',
      text: body.text,
      locale: body.locale ?? 'en',
      timestamp: now(),
    });
    const reply = result.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join('\n');
    sendJson(res, 200, { conversationId, turnId, status: result.status, reply, events: result.events });
  };

  const getHistory = async (url: URL, res: ServerResponse, conversationId: string) => {
    const page = await bot!.transcript(conversationId, pageQuery(url));
    sendJson(res, 200, { conversationId, history: page.entries, next: page.next });
  };

  const answerError = (error: unknown, res: ServerResponse, path: string) => {
    if (error instanceof HttpError) {
      sendJson(res, error.status, { error: { code: error.code, message: error.message } });
    } else if (isRetryableTurnError(error)) {
      log.warn({ err: error, path }, 'REST turn not stored; the client should retry');
      res.setHeader('retry-after', String(retryAfterS));
      sendJson(res, 503, { error: { code: 'unavailable', message: 'the turn could not be stored; send it again with the same turnId' } });
    } else if (isParleyError(error) && error.name === 'InputError') {
      sendJson(res, 422, { error: { code: 'invalid_input', message: error.message } });
    } else {
      log.error({ err: error, path }, 'REST request failed');
      sendJson(res, 500, { error: { code: 'internal', message: 'the request failed; see the server log' } });
    }
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
      const match = route.exec(url.pathname);
      if (!match) return false;
      try {
        if (!bot) throw new HttpError(503, 'not_started', 'the REST channel is not started');
        let conversationId: string;
        try {
          conversationId = decodeURIComponent(match[1]!);
        } catch {
          throw new HttpError(400, 'invalid_conversation_id', 'the conversation id is not valid percent-encoded UTF-8');
        }
        if (conversationId.length > turnLimits.maxIdLength) {
          throw new HttpError(422, 'invalid_conversation_id', `conversation ids are limited to ${turnLimits.maxIdLength} characters`);
        }
        if (match[2] === 'messages' && req.method === 'POST') await postMessage(req, res, conversationId);
        else if (match[2] === 'history' && req.method === 'GET') await getHistory(url, res, conversationId);
        else throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
      } catch (error) {
        answerError(error, res, url.pathname);
      }
      return true;
    },
  };
}
