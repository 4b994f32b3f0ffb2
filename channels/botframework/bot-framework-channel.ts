import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Activity, type ConversationReference as BotFrameworkReference, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import pino, { type Logger } from 'pino';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { Channel, ConversationReference } from '../../core/contracts/channel.ts';
import { InputError } from '../../core/contracts/errors/input-error.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import { isRetryableTurnError } from '../../core/leased-turn-processor.ts';
import { HttpError } from '../http/http-error.ts';
import { abortedRequestCode, readJsonBody } from '../http/read-json-body.ts';
import { sendJson } from '../http/send-json.ts';
import { botFrameworkChannelName } from './activity-to-turn.ts';
import { BotFrameworkAuthError } from './bot-framework-auth-error.ts';
import { authSettingsOf, type BotFrameworkIdentity } from './bot-framework-auth-settings.ts';
import { createTurnLogic } from './bot-framework-turn-logic.ts';
import { definedOnly } from './defined-only.ts';
import { ConversationReferences } from './conversation-references.ts';
import { createTeamsMemberEmails } from './teams-member-emails.ts';
import { closedEndpointError, ParleyBotFrameworkAuthentication } from './parley-bot-framework-authentication.ts';
import { replyActivitiesOf } from './reply-activities.ts';

/** Options of {@link createBotFrameworkChannel}: the identity settings plus how turns are answered. */
export interface BotFrameworkChannelOptions extends BotFrameworkIdentity {
  /** Text sent when a user joins a conversation with the bot (`conversationUpdate`). Default none. */
  welcome?: string;
  /**
   * Milliseconds to wait for the answer inside the connector's request (it gives the bot 15 s); longer work is
   * acknowledged then, keeps its typing indicator, and its answer is sent proactively. Default 3000.
   */
  replyWithinMs?: number;
  /** Milliseconds between typing indicators while the bot works. Default 3000. */
  typingIntervalMs?: number;
  /** Stream replies in Teams one-to-one chats. Default true. */
  streaming?: boolean;
  /** Milliseconds between streamed updates (Teams allows about one a second). Default 1000. */
  streamIntervalMs?: number;
  /** Largest activity in bytes. Default 262144. */
  maxBodyBytes?: number;
  /** Milliseconds the connector may take to send the body. Default 10000. */
  bodyTimeoutMs?: number;
  /** Conversations whose reference is kept for proactive messages. Default 10000. */
  maxReferences?: number;
  log?: Logger;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The defaults of {@link BotFrameworkChannelOptions}. */
export const defaultBotFrameworkChannelOptions = {
  replyWithinMs: 3000,
  typingIntervalMs: 3000,
  streaming: true,
  streamIntervalMs: 1000,
  maxBodyBytes: 262_144,
  bodyTimeoutMs: 10_000,
  maxReferences: 10_000,
};

/** The path the connector posts activities to. */
export const botFrameworkMessagesPath = '/api/messages';

/** The Bot Framework channel: a {@link Channel} whose `handle` answers `POST /api/messages` and returns false for other paths. */
export interface BotFrameworkChannel extends Channel {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** How requests are authenticated: "app" (tokens checked), "anonymous" (Emulator) or "closed" (all refused). */
  readonly authMode: 'app' | 'anonymous' | 'closed';
}

/** botbuilder's adapter, with its turn pipeline reachable for an already authenticated request. */
class ParleyCloudAdapter extends CloudAdapter {
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

function activityOf(body: unknown): Activity {
  const activity = body as Partial<Activity> | null;
  if (typeof activity !== 'object' || activity === null || Array.isArray(activity)) throw new HttpError(400, 'invalid_activity', 'the body must be an Activity object');
  if (typeof activity.type !== 'string' || activity.type === '') throw new HttpError(400, 'invalid_activity', 'the activity has no type');
  if (typeof activity.serviceUrl !== 'string' || !/^https?:\/\/[^\s]+$/i.test(activity.serviceUrl))
    throw new HttpError(400, 'invalid_activity', 'the activity has no http(s) serviceUrl');
  if (typeof activity.conversation?.id !== 'string' || activity.conversation.id === '') throw new HttpError(400, 'invalid_activity', 'the activity has no conversation.id');
  if (typeof activity.channelId !== 'string' || activity.channelId === '') throw new HttpError(400, 'invalid_activity', 'the activity has no channelId');
  return activity as Activity;
}

/**
 * The Bot Framework channel on botbuilder's `CloudAdapter`: Teams, Slack, Direct Line and Web Chat through Azure Bot
 * Service, and the Bot Framework Emulator. Every request is authenticated before its activity reaches the bot
 * (see {@link BotFrameworkIdentity}: with an app id the connector's token is verified, without one every request
 * is refused unless anonymous mode is explicitly on); refused requests get 401/403 and never run a turn. A turn
 * the store could not take is answered 503 so the connector retries; the retry runs once.
 *
 * @example
 * const teams = createBotFrameworkChannel({ appId: process.env.MicrosoftAppId, appPassword: process.env.MicrosoftAppPassword });
 * await teams.start(bot);
 * createServer((req, res) => void teams.handle(req, res));
 */
export function createBotFrameworkChannel(options: BotFrameworkChannelOptions = {}): BotFrameworkChannel {
  const settings = { ...defaultBotFrameworkChannelOptions, ...definedOnly(options) };
  const log = options.log ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const auth = authSettingsOf(options, now);
  const authentication = new ParleyBotFrameworkAuthentication(auth);
  const adapter = new ParleyCloudAdapter(authentication);
  const references = new ConversationReferences(settings.maxReferences);
  const appId = auth.mode === 'app' ? auth.appId : '';
  let bot: TurnHandler | undefined;

  const sendLater = async (reference: Partial<BotFrameworkReference>, activities: readonly Partial<Activity>[]) => {
    if (activities.length === 0) return;
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      // Without an id to reply to, the messages go to the conversation (a Teams thread's id names the thread)
      // rather than as replies to the made-up id of botbuilder's continuation activity.
      delete context.activity.id;
      await context.sendActivities([...activities]);
    });
  };
  const logicSettings = {
    bot: () => bot,
    teamsEmails: createTeamsMemberEmails({ log, now, ttlMs: 60 * 60 * 1000, limit: settings.maxReferences }),
    references,
    sendLater,
    log,
    now,
    welcome: options.welcome,
    replyWithinMs: settings.replyWithinMs,
    typingIntervalMs: settings.typingIntervalMs,
    streaming: settings.streaming,
    streamIntervalMs: settings.streamIntervalMs,
  };
  const verifiedLogic = createTurnLogic({ ...logicSettings, verified: true });
  const anonymousLogic = createTurnLogic({ ...logicSettings, verified: false });

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${botFrameworkMessagesPath}`);
    if (auth.mode === 'closed') throw closedEndpointError();
    if (!bot) throw new HttpError(503, 'not_started', 'the Bot Framework channel is not started');
    const activity = activityOf(await readJsonBody(req, { maxBytes: settings.maxBodyBytes, timeoutMs: settings.bodyTimeoutMs }));
    const authenticated = await authentication.authenticateRequest(activity, req.headers.authorization ?? '');
    const response = await adapter.run(authenticated, activity, auth.mode === 'app' ? verifiedLogic : anonymousLogic);
    if (response?.body !== undefined) sendJson(res, response.status, response.body);
    else {
      res.writeHead(response?.status ?? 200, { 'cache-control': 'no-store' });
      res.end();
    }
  };

  const answerError = (error: unknown, res: ServerResponse) => {
    if (res.headersSent) return;
    if (error instanceof BotFrameworkAuthError) {
      log.warn({ reason: error.reason }, 'Bot Framework request refused');
      res.setHeader('www-authenticate', 'Bearer');
      sendJson(res, error.status, { error: { code: 'unauthorized', message: error.message } });
    } else if (error instanceof HttpError) {
      if (error.code === abortedRequestCode) return void res.destroy();
      if (error.status === 408 || error.status === 413) res.setHeader('connection', 'close');
      sendJson(res, error.status, { error: { code: error.code, message: error.message } });
    } else if (isRetryableTurnError(error)) {
      log.warn({ err: error }, 'Bot Framework turn not stored; the connector retries');
      res.setHeader('retry-after', '1');
      sendJson(res, 503, { error: { code: 'unavailable', message: 'the turn could not be stored; retry the activity' } });
    } else {
      log.error({ err: error }, 'Bot Framework activity failed');
      sendJson(res, 500, { error: { code: 'internal', message: 'the activity failed; see the server log' } });
    }
  };

  return {
    name: botFrameworkChannelName,
    authMode: auth.mode,
    async start(handler) {
      bot = handler;
    },
    async stop() {
      bot = undefined;
    },
    async send(reference: ConversationReference, events: readonly BotEvent[]) {
      const stored = references.get(reference.conversationId);
      if (!stored) throw new InputError('reference.conversationId', `no Bot Framework conversation "${reference.conversationId}" is known; its user must write first`);
      await sendLater(stored, replyActivitiesOf(events));
    },
    async handle(req, res) {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== botFrameworkMessagesPath) return false;
      try {
        await serve(req, res);
      } catch (error) {
        answerError(error, res);
      }
      return true;
    },
  };
}
