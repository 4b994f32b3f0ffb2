import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pino, { type Logger } from 'pino';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { Channel, ConversationReference } from '../../core/contracts/channel.ts';
import { turnLimits } from '../../core/check-turn.ts';
import { InputError } from '../../core/contracts/errors/input-error.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import type { TurnResult } from '../../core/contracts/turn-result.ts';
import { HttpError } from '../http/http-error.ts';
import { sendJson } from '../http/send-json.ts';
import { answerSlackError } from './answer-slack-error.ts';
import { definedOnly } from './defined-only.ts';
import { readBody } from '../http/read-body.ts';
import { RecentIds } from './recent-ids.ts';
import { runSlackTurn } from './run-slack-turn.ts';
import { type SlackEventCallback, type SlackReplyTarget, type SlackTurn, slackChannelName, turnOfSlackEvent } from './slack-event-to-turn.ts';
import { turnOfButtonClick, turnOfSlashCommand } from './slack-interactive-turns.ts';
import { createSlackReplies } from './slack-replies.ts';
import type { SlackStream } from './slack-stream.ts';
import { createSlackUserEmails } from './slack-user-emails.ts';
import { createSlackWebApi, type SlackWebApiOptions } from './slack-web-api.ts';
import { verifySlackSignature } from './verify-slack-signature.ts';

/** Options of {@link createSlackChannel}. */
export interface SlackChannelOptions {
  /** The app's signing secret (env `SLACK_SIGNING_SECRET`): every request must be signed with it. */
  signingSecret: string;
  /** The bot token, `xoxb-…` (env `SLACK_BOT_TOKEN`), for `chat.postMessage`. */
  botToken: string;
  /** The Web API's base URL (env `SLACK_API_URL`). Default `https://slack.com/api/`. */
  apiUrl?: string;
  /** Milliseconds to wait for a turn to be stored before acknowledging (Slack waits 3 s). Default 2500. */
  ackWithinMs?: number;
  /** Largest distance of a request's timestamp from now, in seconds. Default 300. */
  timestampToleranceS?: number;
  /** Look up users' e-mail addresses (`users.info`, scope `users:read.email`) for verified identities. Default true. */
  userEmails?: boolean;
  /**
   * Stream slow replies in threads with Slack's streaming methods (`chat.startStream`, `chat.appendStream`,
   * `chat.stopStream`), falling back to whole messages where Slack refuses them. Default true.
   */
  streaming?: boolean;
  /** Milliseconds a reply must still be running before it streams. Default 1000. */
  streamStartAfterMs?: number;
  /** Milliseconds between streamed appends. Default 1000. */
  streamIntervalMs?: number;
  /** Who sees a slash command's answer: "ephemeral" (the user, default) or "in_channel". */
  commandResponseType?: 'ephemeral' | 'in_channel';
  /** Largest request body in bytes. Default 262144. */
  maxBodyBytes?: number;
  /** Milliseconds Slack may take to send the body. Default 10000. */
  bodyTimeoutMs?: number;
  /** Retries and timeouts of Web API calls. */
  webApi?: Omit<SlackWebApiOptions, 'token' | 'baseUrl' | 'fetch'>;
  log?: Logger;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The defaults of {@link SlackChannelOptions}. */
export const defaultSlackChannelOptions = {
  ackWithinMs: 2500,
  timestampToleranceS: 300,
  userEmails: true,
  streaming: true,
  streamStartAfterMs: 1000,
  streamIntervalMs: 1000,
  commandResponseType: 'ephemeral' as 'ephemeral' | 'in_channel',
  maxBodyBytes: 262_144,
  bodyTimeoutMs: 10_000,
};

/** The paths the Slack app's settings point at: Event Subscriptions, Slash Commands and Interactivity. */
export const slackPaths = { events: '/slack/events', commands: '/slack/commands', interactions: '/slack/interactions' } as const;

/** The Slack channel: a {@link Channel} whose `handle` answers the {@link slackPaths} and returns false for other paths. */
export interface SlackChannel extends Channel {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

/**
 * The native Slack channel (a Slack app, no Azure): Events API mentions and direct messages, slash commands and
 * button clicks. Every request's v0 signature is checked over the raw body before anything is parsed (401
 * otherwise). A turn is acknowledged as soon as it is stored, well within Slack's 3 s, and answered after the
 * acknowledgement with `chat.postMessage` in the conversation's thread (or the command's `response_url`); Slack's
 * retries of an event (same `event_id`) are answered without running it again.
 */
export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  if (!options.signingSecret) throw new InputError('signingSecret', 'the Slack app signing secret is required (SLACK_SIGNING_SECRET)');
  if (!options.botToken) throw new InputError('botToken', 'the Slack bot token is required to answer (SLACK_BOT_TOKEN)');
  const settings = { ...defaultSlackChannelOptions, ...definedOnly(options) };
  const log = options.log ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? fetch;
  const api = createSlackWebApi({ ...options.webApi, token: options.botToken, fetch: fetchImpl, ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}) });
  const emails = settings.userEmails ? createSlackUserEmails({ api, log, now }) : undefined;
  const replies = createSlackReplies({ ...settings, api, log, fetch: fetchImpl });
  const events = new RecentIds(60 * 60 * 1000, 50_000, now);
  const targets = new Map<string, SlackReplyTarget>();
  let bot: TurnHandler | undefined;

  /** Runs a Slack turn with the sender's e-mail (when Slack gives it quickly) and remembers where to reach it. */
  const run = async (slack: SlackTurn, res: ServerResponse, deliver: (result: TurnResult) => Promise<void>, extra: { stream?: SlackStream | undefined; onRefused?: () => void } = {}) => {
    if (!bot) throw new HttpError(503, 'not_started', 'the Slack channel is not started');
    const started = now();
    // The e-mail lookup spends part of the ack budget: at most a third of it.
    const email = emails ? await Promise.race([emails.emailOf(slack.slackUserId), sleep(settings.ackWithinMs / 3, undefined)]) : undefined;
    const turn = email ? { ...slack.turn, user: { ...slack.turn.user, email } } : slack.turn;
    targets.delete(turn.conversationId);
    targets.set(turn.conversationId, slack.target);
    if (targets.size > 50_000) targets.delete(targets.keys().next().value!);
    const ackWithinMs = Math.max(100, settings.ackWithinMs - (now() - started));
    try {
      await runSlackTurn({ bot, turn, res, deliver, ackWithinMs, log, ...extra });
    } catch (error) {
      if (!isParleyError(error) || error.name !== 'InputError') throw error;
      // Slack would retry an error answer; the message itself is what is wrong, so the user is told instead.
      res.writeHead(200, { 'cache-control': 'no-store' }).end();
      const text = turn.text.length > turnLimits.maxTextLength ? `Sorry, that message is too long for me: please keep it under ${turnLimits.maxTextLength} characters.` : `Sorry, I can't take that message (${error.message}).`;
      void deliver({ turnId: turn.id, conversationId: turn.conversationId, status: 'failed', events: [{ type: 'text-end', messageId: turn.id, text }] }).catch((failure: unknown) =>
        log.error({ err: failure, conversationId: turn.conversationId }, 'Slack reply failed'),
      );
    }
  };

  const serveEvents = async (body: Buffer, res: ServerResponse) => {
    let payload: { type?: unknown; challenge?: unknown };
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'invalid_json', 'the body is not valid JSON');
    }
    if (payload.type === 'url_verification' && typeof payload.challenge === 'string') return sendJson(res, 200, { challenge: payload.challenge });
    const callback = payload as SlackEventCallback;
    if (payload.type !== 'event_callback' || typeof callback.event_id !== 'string' || typeof callback.event !== 'object') return void res.writeHead(200).end();
    if (!events.add(callback.event_id)) {
      log.debug({ eventId: callback.event_id }, 'Slack retry of an event already taken');
      return void res.writeHead(200).end();
    }
    const slack = turnOfSlackEvent(callback, now());
    if (!slack) return void res.writeHead(200).end();
    const stream = replies.streamFor(slack);
    await run(slack, res, (result) => replies.deliver(slack, result, stream), { stream, onRefused: () => events.forget(callback.event_id) });
  };

  const serveForm = async (path: string, body: Buffer, res: ServerResponse) => {
    const form = new URLSearchParams(body.toString('utf8'));
    if (path === slackPaths.commands) {
      const command = turnOfSlashCommand(form, now());
      return run(command, res, (result) => replies.respond(command.responseUrl, result));
    }
    const click = turnOfButtonClick(form.get('payload') ?? '', now());
    if (!click) return void res.writeHead(200).end();
    const stream = replies.streamFor(click);
    await run(click, res, (result) => replies.deliver(click, result, stream), { stream });
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`);
    const body = await readBody(req, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs });
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    verifySlackSignature(
      { timestamp: header('x-slack-request-timestamp'), signature: header('x-slack-signature'), body },
      { signingSecret: options.signingSecret, now: now(), toleranceS: settings.timestampToleranceS },
    );
    if (path === slackPaths.events) await serveEvents(body, res);
    else await serveForm(path, body, res);
  };

  return {
    name: slackChannelName,
    async start(handler) {
      bot = handler;
    },
    async stop() {
      bot = undefined;
    },
    async send(reference: ConversationReference, events: readonly BotEvent[]) {
      const target = targets.get(reference.conversationId);
      if (!target) throw new InputError('reference.conversationId', `no Slack conversation "${reference.conversationId}" is known; its user must write first`);
      await replies.post(target, events);
    },
    async handle(req, res) {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path !== slackPaths.events && path !== slackPaths.commands && path !== slackPaths.interactions) return false;
      try {
        await serve(req, res, path);
      } catch (error) {
        answerSlackError(error, res, path, log);
      }
      return true;
    },
  };
}
