import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';
import { sendJson } from '../http/send-json.ts';
import { BotReplyText } from './bot-reply-text.ts';
import { type CompletionMeta, chunkOf, completionOf, noUsage, usageChunkOf } from './completion-shapes.ts';
import { OpenAIHttpError } from './openai-http-error.ts';
import { type ChatRequest, contentText } from './parse-chat-request.ts';
import { createSseWriter } from './sse-writer.ts';

/** The header that names the conversation (it wins over the request's `user`); answers carry it too. */
export const conversationHeader = 'x-parley-conversation';

/** What {@link completeWithBot} needs. */
export interface BotCompletion {
  bot: TurnHandler;
  request: ChatRequest;
  req: IncomingMessage;
  res: ServerResponse;
  meta: CompletionMeta;
  newId: () => string;
  /** Milliseconds since the epoch. */
  now: () => number;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The turn a request asks for: its last message, which must be the user's. */
function turnOf({ request, req, newId, now }: BotCompletion): UserTurn {
  const last = request.messages.at(-1)!;
  const param = `messages.${request.messages.length - 1}`;
  if (last.role !== 'user')
    throw new OpenAIHttpError(400, 'invalid_request_error', 'invalid_value', `${param}: the last message must be the user's; it is the turn the bot answers`, param);
  const text = contentText(last.content);
  if (text.trim() === '') throw new OpenAIHttpError(400, 'invalid_request_error', 'invalid_value', `${param}: the user's message is empty`, param);
  const conversationId = single(req.headers[conversationHeader]) || request.user || `openai-${newId()}`;
  return {
    id: single(req.headers['idempotency-key']) || newId(),
    conversationId,
    user: { id: request.user ?? conversationId, verified: false },
    channel: 'openai',
    text,
    locale: 'en',
    timestamp: now(),
  };
}

/**
 * Answers a chat-completions request addressed to the bot with one parley turn: the last user message is the
 * turn, the conversation is the `X-Parley-Conversation` header's, else the request's `user`, else a new one
 * (named in the answer's `X-Parley-Conversation` header). The reply's text, quick replies and cards come back
 * as text, streamed as the bot produces them or whole. Usage is 0: the dialogue does not report tokens.
 */
export async function completeWithBot(completion: BotCompletion): Promise<void> {
  const { bot, request, res, meta } = completion;
  const turn = turnOf(completion);
  const headers = { [conversationHeader]: turn.conversationId };
  const render = new BotReplyText();
  if (request.stream !== true) {
    const result = await bot.handle(turn);
    const content = result.events.map((event) => render.push(event)).join('');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    sendJson(res, 200, completionOf(meta, { content, finishReason: 'stop', usage: noUsage }));
    return;
  }
  const sse = createSseWriter(res, headers);
  let seen = false;
  // The headers wait for the first text, so a turn the store refuses still gets its own status.
  const send = (delta: { content: string }, finishReason: 'stop' | null = null) => {
    if (!sse.started) sse.send(chunkOf(meta, { role: 'assistant', content: '' }));
    sse.send(chunkOf(meta, delta, finishReason));
  };
  const write = (event: BotEvent) => {
    const text = render.push(event);
    if (text) send({ content: text });
  };
  const result = await bot.handle(turn, {
    onEvent: (event) => {
      seen = true;
      write(event);
    },
  });
  // A duplicate turn (the same Idempotency-Key again) produces no new events: replay the first run's.
  if (!seen) for (const event of result.events) write(event);
  send({ content: '' }, 'stop');
  if (request.stream_options?.include_usage) sse.send(usageChunkOf(meta, noUsage));
  sse.done();
}
