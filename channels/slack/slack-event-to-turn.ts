import { createHash } from 'node:crypto';
import { turnLimits } from '../../core/check-turn.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';

/** The channel name Slack turns carry (`UserTurn.channel`). */
export const slackChannelName = 'slack';

/** The part of a Slack `event_callback` the channel reads. */
export interface SlackEventCallback {
  type: 'event_callback';
  team_id?: string;
  event_id: string;
  event: {
    type: string;
    subtype?: string;
    bot_id?: string;
    user?: string;
    text?: string;
    ts?: string;
    thread_ts?: string;
    channel?: string;
    channel_type?: string;
    team?: string;
  };
  authorizations?: { user_id?: string; is_bot?: boolean }[];
}

/** Where a turn's reply goes: the channel, and the thread when the conversation is one. */
export interface SlackReplyTarget {
  channel: string;
  thread_ts?: string;
}

/** A Slack event the bot acts on: the parley turn, where to answer it, and the sender's Slack team and user ids. */
export interface SlackTurn {
  turn: UserTurn;
  target: SlackReplyTarget;
  slackTeamId: string;
  slackUserId: string;
}

/** An id that fits the turn limits: readable when short, hashed when too long. */
function boundedId(plain: string): string {
  return plain.length <= turnLimits.maxIdLength ? plain : `slack:${createHash('sha256').update(plain).digest('base64url')}`;
}

/**
 * The parley conversation of a Slack message: its thread in a channel (each thread is a conversation, replies go
 * there), or the direct-message channel itself when the user writes outside a thread.
 */
export function slackConversationId(team: string, target: SlackReplyTarget): string {
  return boundedId(`slack:${team}:${target.channel}${target.thread_ts ? `:${target.thread_ts}` : ''}`);
}

/**
 * Slack's message markup as plain text: the bot's own mention removed, `<mailto:a@b.c|a@b.c>` and
 * `<https://x|label>` links as their text, user and channel mentions as written, and `&amp; &lt; &gt;` decoded.
 */
export function plainSlackText(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text.replace(/^\s*<@[A-Z0-9]+>/, ' ');
  return withoutBot
    .replace(/<(?:mailto:)?([^<>|]+)\|([^<>]+)>/g, '$2')
    .replace(/<mailto:([^<>]+)>/g, '$1')
    .replace(/<(https?:\/\/[^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The turn of an Events API callback, or undefined for events the bot does not answer: mentions of the app
 * (`app_mention`, answered in the mention's thread) and direct messages (`message` in an `im`), never messages
 * from bots or edits (`bot_id`, `subtype`), which would make the bot answer itself. The turn id is the event id,
 * so Slack's retries of an event are one turn. Slack users are verified: Slack signs the request.
 */
export function turnOfSlackEvent(callback: SlackEventCallback, now: number): SlackTurn | undefined {
  const event = callback.event;
  if (event.bot_id || event.subtype || !event.user || !event.channel || !event.ts) return undefined;
  const direct = event.type === 'message' && event.channel_type === 'im';
  if (event.type !== 'app_mention' && !direct) return undefined;
  const team = callback.team_id ?? event.team ?? 'team';
  const botUserId = callback.authorizations?.find((a) => a.is_bot !== false)?.user_id;
  const text = plainSlackText(event.text ?? '', botUserId);
  if (text === '') return undefined;
  const thread = direct ? event.thread_ts : (event.thread_ts ?? event.ts);
  const target: SlackReplyTarget = { channel: event.channel, ...(thread ? { thread_ts: thread } : {}) };
  return {
    target,
    slackTeamId: team,
    slackUserId: event.user,
    turn: {
      id: boundedId(`slack:${callback.event_id}`),
      conversationId: slackConversationId(team, target),
      user: { id: boundedId(`${team}:${event.user}`), verified: true },
      channel: slackChannelName,
      text,
      locale: 'und',
      timestamp: now,
    },
  };
}
