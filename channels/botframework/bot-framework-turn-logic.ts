import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import type { TurnResult } from '../../core/contracts/turn-result.ts';
import { turnLimits } from '../../core/check-turn.ts';
import type { InputError } from '../../core/contracts/errors/input-error.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import { conversationIdOf, senderVerified, turnOfActivity } from './activity-to-turn.ts';
import type { ConversationReferences } from './conversation-references.ts';
import { replyActivitiesOf } from './reply-activities.ts';
import { repeatTyping } from './typing-indicator.ts';
import type { TeamsMemberEmails } from './teams-member-emails.ts';
import { createTeamsStream, supportsTeamsStreaming, type TeamsStream } from './teams-stream.ts';

/** What the turn logic needs of its channel. */
export interface TurnLogicSettings {
  bot: () => TurnHandler | undefined;
  references: ConversationReferences;
  /** Sends activities to a conversation outside the request (after the request was acknowledged). */
  sendLater: (reference: Partial<ConversationReference>, activities: readonly Partial<Activity>[]) => Promise<void>;
  log: Logger;
  now: () => number;
  /** Whether the request's token was verified. */
  verified: boolean;
  /** Where Teams users' e-mail addresses are looked up. */
  teamsEmails: TeamsMemberEmails;
  /** Text sent when a user joins; none when undefined. */
  welcome: string | undefined;
  /** Milliseconds to wait for the answer inside the request before acknowledging it and answering proactively. */
  replyWithinMs: number;
  /** Milliseconds between typing indicators while the bot works. */
  typingIntervalMs: number;
  /** Stream replies where the platform supports it (Teams one-to-one chats). */
  streaming: boolean;
  /** Milliseconds between streamed updates. */
  streamIntervalMs: number;
}

const later = (ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
};

/**
 * Welcomes whoever joins a conversation with the bot. In a Teams team or group chat the bot introduces itself
 * once, when it is added, rather than to the whole channel each time someone joins the team.
 */
/** The longest a turn is waited for or shown as typing, in milliseconds. */
const maxTurnMs = 5 * 60 * 1000;

/**
 * Answers a turn that outlasted the request: the request is acknowledged once the turn is stored (a restart
 * finishes it), typing goes on outside the request, and the answer is sent to the conversation when it is ready.
 */
async function answerLater(settings: TurnLogicSettings, activity: Activity, conversationId: string, running: Promise<TurnResult>, accepted: Promise<void>): Promise<void> {
  await Promise.race([accepted, running]);
  const reference = TurnContext.getConversationReference(activity);
  const typing = repeatTyping(() => settings.sendLater(reference, [{ type: 'typing' }]), settings.typingIntervalMs, maxTurnMs);
  void running
    .then(async (result) => {
      await typing.stop();
      if (result.status !== 'duplicate') await settings.sendLater(reference, replyActivitiesOf(result.events));
    })
    .catch((error: unknown) => settings.log.error({ err: error, conversationId }, 'Bot Framework reply sent late failed'))
    .finally(() => typing.stop());
}

async function welcome(context: TurnContext, text: string | undefined): Promise<void> {
  const activity = context.activity;
  const added = activity.membersAdded ?? [];
  const shared = activity.channelId === 'msteams' && activity.conversation?.conversationType !== 'personal';
  const greet = shared ? added.some((m) => m.id === activity.recipient?.id) : added.some((m) => m.id !== activity.recipient?.id);
  if (text && greet) await context.sendActivity({ type: 'message', text, textFormat: 'markdown' });
}

/**
 * The botbuilder turn logic of the Bot Framework channel: remembers the conversation's reference, welcomes
 * users who join, and runs message activities as parley turns — a typing indicator while the bot works, the
 * reply streamed in Teams one-to-one chats, otherwise sent as messages in the conversation (a Teams thread's
 * replies stay in the thread). An answer not ready within `replyWithinMs` is sent proactively once the turn is
 * stored, so the connector's request ends in time.
 */
export function createTurnLogic(settings: TurnLogicSettings): (context: TurnContext) => Promise<void> {
  const deliver = async (context: TurnContext, result: TurnResult, stream: TeamsStream | undefined) => {
    // A retried activity's reply was sent by its first delivery.
    if (result.status === 'duplicate') return;
    const activities = replyActivitiesOf(result.events);
    if (stream) await stream.finish(activities);
    else if (activities.length > 0) await context.sendActivities(activities);
  };

  const run = async (context: TurnContext, bot: TurnHandler) => {
    const activity: Activity = context.activity;
    const verified = senderVerified(activity, settings.verified);
    const email = verified && activity.channelId === 'msteams' && activity.type === 'message' ? await settings.teamsEmails.emailOf(context) : undefined;
    const turn = turnOfActivity(activity, { verified, email, now: settings.now() });
    if (!turn) return;
    const stream = settings.streaming && supportsTeamsStreaming(activity) ? createTeamsStream(context, settings.streamIntervalMs, settings.log) : undefined;
    if (stream) await stream.begin();
    else await context.sendActivity({ type: 'typing' }).catch((error: unknown) => settings.log.warn({ err: error }, 'typing indicator not sent'));
    const typing = stream ? undefined : repeatTyping(() => context.sendActivity({ type: 'typing' }), settings.typingIntervalMs, maxTurnMs);
    let accept: () => void = () => {};
    const accepted = new Promise<void>((resolve) => {
      accept = resolve;
    });
    const running = bot.handle(turn, { onAccepted: () => accept(), ...(stream ? { onEvent: (e) => stream.push(e) } : {}) });
    // A caller that asked for the replies in the response body (expectReplies) is answered only when they exist.
    const deadline = later(activity.deliveryMode === 'expectReplies' ? maxTurnMs : settings.replyWithinMs);
    try {
      const first = await Promise.race([running, deadline.promise]);
      deadline.cancel();
      await typing?.stop();
      if (first !== 'late') await deliver(context, first, stream);
      else await answerLater(settings, activity, turn.conversationId, running, accepted);
    } finally {
      deadline.cancel();
      await typing?.stop();
      // A stream not finished above (a late or repeated answer) must not keep updating a revoked context.
      stream?.cancel();
    }
  };

  return async (context) => {
    const activity = context.activity;
    settings.references.remember(conversationIdOf(activity), TurnContext.getConversationReference(activity));
    if (activity.type === 'conversationUpdate') return welcome(context, settings.welcome);
    const bot = settings.bot();
    if (!bot) throw new Error('the Bot Framework channel is not started');
    try {
      await run(context, bot);
    } catch (error) {
      if (!isParleyError(error) || error.name !== 'InputError') throw error;
      const tooLong = (error as InputError).field === 'turn.text' && (activity.text ?? '').length > turnLimits.maxTextLength;
      const text = tooLong ? `Sorry, that message is too long for me: please keep it under ${turnLimits.maxTextLength} characters.` : `Sorry, I can't take that message (${error.message}).`;
      await context.sendActivity({ type: 'message', text });
    }
  };
}
