import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Bot } from '../../core/create-bot.ts';
import { turnLimits } from '../../core/create-bot.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json-body.ts';
import { sendJson } from './send-json.ts';

/** Options of {@link createRestHandler}. */
export interface RestHandlerOptions {
  bot: Bot;
  log: Logger;
  /** Largest request body in bytes. Default 16384. */
  maxBodyBytes?: number;
  /** Turn ids when the client sends none. Default `randomUUID`. */
  newId?: () => string;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
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

/**
 * The REST channel. `POST /api/conversations/{id}/messages` with `{ text, turnId?, userId?, locale? }` runs a
 * turn and answers `{ conversationId, turnId, status, reply, events }`; `GET /api/conversations/{id}/history`
 * returns the transcript. Malformed input gets a 4xx with `{ error: { code, message } }`.
 * Returns a handler that answers matching requests and returns false for others.
 */
export function createRestHandler(options: RestHandlerOptions) {
  const { bot, log } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 16_384;
  const newId = options.newId ?? randomUUID;
  const now = options.now ?? Date.now;

  const postMessage = async (req: IncomingMessage, res: ServerResponse, conversationId: string) => {
    const parsed = messageBody.safeParse(await readJsonBody(req, maxBodyBytes));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HttpError(422, 'invalid_message', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const body = parsed.data;
    const turnId = body.turnId ?? newId();
    const result = await bot.handle({
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

  return async function handleRest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = route.exec(url.pathname);
    if (!match) return false;
    try {
      const conversationId = decodeURIComponent(match[1]!);
      if (conversationId.length > turnLimits.maxIdLength) {
        throw new HttpError(422, 'invalid_conversation_id', `conversation ids are limited to ${turnLimits.maxIdLength} characters`);
      }
      if (match[2] === 'messages' && req.method === 'POST') await postMessage(req, res, conversationId);
      else if (match[2] === 'history' && req.method === 'GET') sendJson(res, 200, { conversationId, history: await bot.history(conversationId) });
      else throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(res, error.status, { error: { code: error.code, message: error.message } });
      } else {
        log.error({ err: error, path: url.pathname }, 'REST request failed');
        sendJson(res, 500, { error: { code: 'internal', message: 'the request failed; see the server log' } });
      }
    }
    return true;
  };
}
