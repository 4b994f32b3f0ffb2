import { createHash, randomUUID } from 'node:crypto';
import { type Activity, TurnContext } from 'botbuilder';
import { turnLimits } from '../../core/check-turn.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';

/** The channel name Bot Framework turns carry (`UserTurn.channel`). */
export const botFrameworkChannelName = 'botframework';

/** An id that fits the turn limits: readable when short, a hash of its parts when too long. */
function boundedId(prefix: string, parts: readonly string[]): string {
  const plain = `${prefix}:${parts.join(':')}`;
  if (plain.length <= turnLimits.maxIdLength) return plain;
  return `${prefix}:${parts[0]}:${createHash('sha256').update(parts.join('\u0000')).digest('base64url')}`;
}

/**
 * The parley conversation of an activity: one per Bot Framework conversation. A Teams channel thread is its own
 * conversation (its id carries `;messageid=`), so each thread keeps its own dialogue.
 */
export function conversationIdOf(activity: Pick<Activity, 'channelId' | 'conversation'>): string {
  return boundedId('bf', [activity.channelId, activity.conversation.id]);
}

/**
 * The text the user meant: the bot's own @mention removed (Teams and group chats prefix it), or, for an
 * Adaptive Card button, the value the button carries.
 */
export function userTextOf(activity: Activity): string {
  const text = (activity.text ? TurnContext.removeRecipientMention({ ...activity }) ?? '' : '').trim();
  if (text !== '') return text;
  const value = activity.value as { parleyText?: unknown } | undefined;
  return typeof value?.parleyText === 'string' ? value.parleyText.trim() : '';
}

/**
 * Channels whose user ids the platform itself authenticates (a Teams user signed in to Entra ID, a Slack user).
 * Direct Line, Web Chat and the Emulator carry whatever id the client page chose.
 */
const platformAuthenticatedChannels = new Set(['msteams', 'slack']);

/** Whether an activity's sender is verified: the connector's token was checked and the platform authenticates its users. */
export function senderVerified(activity: Pick<Activity, 'channelId'>, tokenVerified: boolean): boolean {
  return tokenVerified && platformAuthenticatedChannels.has(activity.channelId);
}

/**
 * The parley turn of a message activity, or undefined when there is no text to act on. The turn id is derived
 * from the activity id, so a connector retry of the same activity is processed once.
 */
export function turnOfActivity(activity: Activity, options: { verified: boolean; email?: string | undefined; now: number }): UserTurn | undefined {
  if (activity.type !== 'message') return undefined;
  const text = userTextOf(activity);
  if (text === '') return undefined;
  const conversationId = conversationIdOf(activity);
  const userId = activity.from?.aadObjectId ?? activity.from?.id ?? 'anonymous';
  return {
    id: boundedId('bf', [activity.channelId, activity.conversation.id, activity.id ?? randomUUID()]),
    conversationId,
    user: {
      id: userId.slice(0, turnLimits.maxIdLength),
      verified: options.verified,
      ...(activity.from?.name ? { name: activity.from.name } : {}),
      ...(options.verified && options.email ? { email: options.email } : {}),
    },
    channel: botFrameworkChannelName,
    text,
    locale: activity.locale ?? 'und',
    timestamp: options.now,
  };
}
