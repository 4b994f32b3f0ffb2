import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pino, { type Logger } from 'pino';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { Channel, ConversationReference } from '../../core/contracts/channel.ts';
import { InputError } from '../../core/contracts/errors/input-error.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import type { TurnResult } from '../../core/contracts/turn-result.ts';
import { isRetryableTurnError } from '../../core/leased-turn-processor.ts';
import { HttpError } from '../http/http-error.ts';
import { abortedRequestCode } from '../http/read-json-body.ts';
import { sendJson } from '../http/send-json.ts';
import { readRawBody } from './read-raw-body.ts';
import { RecentIds } from './recent-ids.ts';
import { SlackAuthError } from './slack-auth-error.ts';
import { type SlackEventCallback, type SlackReplyTarget, type SlackTurn, slackChannelName, turnOfSlackEvent } from './slack-event-to-turn.ts';
import { turnOfButtonClick, turnOfSlashCommand } from './slack-interactive-turns.ts';
import { slackReplyMessages, slackReplyText } from './slack-reply-messages.ts';
import { createSlackStream, type SlackStream } from './slack-stream.ts';
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
  const settings = { ...defaultSlackChannelOptions, ...options };
  const log = options.log ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? fetch;
  const api = createSlackWebApi({ ...options.webApi, token: options.botToken, fetch: fetchImpl, ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}) });
  const emails = settings.userEmails ? createSlackUserEmails({ api, log, now }) : undefined;
  const events = new RecentIds(60 * 60 * 1000, 50_000, now);
  const targets = new Map<string, SlackReplyTarget>();
  let bot: TurnHandler | undefined;

  const streamingSupport = { available: settings.streaming };
  const postReplies = async (target: SlackReplyTarget, events: readonly BotEvent[], textStreamed = false) => {
    for (const message of slackReplyMessages(events, { textStreamed })) await api.postMessage({ ...target, ...message });
  };
  /** A stream for a reply in a thread, where Slack can stream; undefined elsewhere. */
  const streamFor = (slack: SlackTurn) => {
    const thread = slack.target.thread_ts;
    if (!streamingSupport.available || thread === undefined) return undefined;
    return createSlackStream({
      api,
      target: { channel: slack.target.channel, thread_ts: thread },
      recipient: { team: slack.slackTeamId, user: slack.slackUserId },
      startAfterMs: settings.streamStartAfterMs,
      intervalMs: settings.streamIntervalMs,
      support: streamingSupport,
      log,
    });
  };
  const postTurnReplies = async (slack: SlackTurn, result: TurnResult, stream: SlackStream | undefined) => {
    const streamed = stream ? await stream.finish(slackReplyText(result.events)) : false;
    await postReplies(slack.target, result.events, streamed);
  };

  const postToResponseUrl = async (responseUrl: string, result: TurnResult) => {
    for (const message of slackReplyMessages(result.events)) {
      const response = await fetchImpl(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: settings.commandResponseType, ...message }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`the slash command's response_url answered ${response.status}`);
    }
  };

  /**
   * Runs a turn: answers the request once the turn is stored (503 when that takes longer than `ackWithinMs`, so
   * Slack retries), then delivers the reply. `dedupeId` is forgotten when the turn could not be taken.
   */
  const runTurn = async (
    slack: SlackTurn,
    res: ServerResponse,
    deliver: (result: TurnResult) => Promise<void>,
    options: { dedupeId?: string; stream?: SlackStream | undefined } = {},
  ) => {
    const handler = bot;
    if (!handler) throw new HttpError(503, 'not_started', 'the Slack channel is not started');
    const email = emails ? await Promise.race([emails.emailOf(slack.slackUserId), sleep(800, undefined)]) : undefined;
    const turn = email ? { ...slack.turn, user: { ...slack.turn.user, email } } : slack.turn;
    targets.delete(turn.conversationId);
    targets.set(turn.conversationId, slack.target);
    if (targets.size > 50_000) targets.delete(targets.keys().next().value!);
    let accept: () => void = () => {};
    const accepted = new Promise<'accepted'>((resolve) => {
      accept = () => resolve('accepted');
    });
    const stream = options.stream;
    const running = handler.handle(turn, { onAccepted: accept, ...(stream ? { onEvent: (event: BotEvent) => stream.push(event) } : {}) });
    running.catch(() => {});
    try {
      const ack = await Promise.race([accepted, running.then(() => 'accepted' as const), sleep(settings.ackWithinMs, 'slow' as const)]);
      if (ack === 'slow') throw new HttpError(503, 'unavailable', 'the turn could not be stored in time; Slack will retry');
    } catch (error) {
      stream?.cancel();
      if (options.dedupeId) events.forget(options.dedupeId);
      throw error;
    }
    res.writeHead(200, { 'cache-control': 'no-store' }).end();
    void running
      .then((result) => (result.status === 'duplicate' ? stream?.cancel() : deliver(result)))
      .catch((error: unknown) => {
        stream?.cancel();
        log.error({ err: error, conversationId: turn.conversationId }, 'Slack reply failed');
      });
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
    const stream = streamFor(slack);
    await runTurn(slack, res, (result) => postTurnReplies(slack, result, stream), { dedupeId: callback.event_id, stream });
  };

  const serveForm = async (path: string, body: Buffer, res: ServerResponse) => {
    const form = new URLSearchParams(body.toString('utf8'));
    if (path === slackPaths.commands) {
      const command = turnOfSlashCommand(form, now());
      return runTurn(command, res, (result) => postToResponseUrl(command.responseUrl, result));
    }
    const click = turnOfButtonClick(form.get('payload') ?? '', now());
    if (!click) return void res.writeHead(200).end();
    const stream = streamFor(click);
    await runTurn(click, res, (result) => postTurnReplies(click, result, stream), { stream });
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`);
    const body = await readRawBody(req, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs });
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    verifySlackSignature(
      { timestamp: header('x-slack-request-timestamp'), signature: header('x-slack-signature'), body },
      { signingSecret: settings.signingSecret, now: now(), toleranceS: settings.timestampToleranceS },
    );
    if (path === slackPaths.events) await serveEvents(body, res);
    else await serveForm(path, body, res);
  };

  const answerError = (error: unknown, res: ServerResponse, path: string) => {
    if (res.headersSent) return;
    if (error instanceof SlackAuthError) {
      log.warn({ reason: error.reason, path }, 'Slack request refused');
      sendJson(res, 401, { error: { code: 'unauthorized', message: error.message } });
    } else if (error instanceof HttpError) {
      if (error.code === abortedRequestCode) return void res.destroy();
      if (error.status === 408 || error.status === 413) res.setHeader('connection', 'close');
      sendJson(res, error.status, { error: { code: error.code, message: error.message } });
    } else if (isRetryableTurnError(error)) {
      log.warn({ err: error, path }, 'Slack turn not stored; Slack retries');
      sendJson(res, 503, { error: { code: 'unavailable', message: 'the turn could not be stored' } });
    } else if (isParleyError(error) && error.name === 'InputError') {
      sendJson(res, 422, { error: { code: 'invalid_input', message: error.message } });
    } else {
      log.error({ err: error, path }, 'Slack request failed');
      sendJson(res, 500, { error: { code: 'internal', message: 'the request failed; see the server log' } });
    }
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
      await postReplies(target, events);
    },
    async handle(req, res) {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path !== slackPaths.events && path !== slackPaths.commands && path !== slackPaths.interactions) return false;
      try {
        await serve(req, res, path);
      } catch (error) {
        answerError(error, res, path);
      }
      return true;
    },
  };
}
