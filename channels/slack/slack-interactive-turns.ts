import { createHash } from 'node:crypto';
import { turnLimits } from '../../core/check-turn.ts';
import { HttpError } from '../http/http-error.ts';
import { plainSlackText, type SlackTurn, slackChannelName, slackConversationId } from './slack-event-to-turn.ts';
import { slackButtonActionPrefix } from './slack-reply-messages.ts';

const boundedId = (plain: string) => (plain.length <= turnLimits.maxIdLength ? plain : `slack:${createHash('sha256').update(plain).digest('base64url')}`);

const field = (form: URLSearchParams, name: string): string => {
  const value = form.get(name);
  if (!value) throw new HttpError(400, 'invalid_request', `the form has no ${name}`);
  return value;
};

/** A slash command's turn and the `response_url` its answer is posted to. */
export interface SlackCommandTurn extends SlackTurn {
  responseUrl: string;
}

/**
 * The turn of a slash command (`/acme where is my order`): one conversation per user, channel and command, the
 * command's text as the user's (`help` when empty), answered through the command's `response_url`.
 */
export function turnOfSlashCommand(form: URLSearchParams, now: number): SlackCommandTurn {
  const team = field(form, 'team_id');
  const channel = field(form, 'channel_id');
  const user = field(form, 'user_id');
  const command = field(form, 'command');
  const responseUrl = field(form, 'response_url');
  if (!/^https?:\/\/\S+$/i.test(responseUrl)) throw new HttpError(400, 'invalid_request', 'response_url is not an http(s) URL');
  const text = plainSlackText(form.get('text') ?? '', undefined) || 'help';
  return {
    responseUrl,
    slackTeamId: team,
    slackUserId: user,
    target: { channel },
    turn: {
      id: boundedId(`slack:command:${form.get('trigger_id') ?? `${team}:${user}:${now}`}`),
      conversationId: boundedId(`slack:${team}:${channel}:${user}:${command}`),
      user: { id: boundedId(`${team}:${user}`), verified: true },
      channel: slackChannelName,
      text,
      locale: 'und',
      timestamp: now,
    },
  };
}

/** The part of a `block_actions` interaction payload the channel reads. */
interface BlockActions {
  type?: string;
  trigger_id?: string;
  user?: { id?: string; team_id?: string };
  team?: { id?: string };
  channel?: { id?: string };
  message?: { ts?: string; thread_ts?: string };
  actions?: { action_id?: string; value?: string; action_ts?: string }[];
}

/**
 * The turn of a click on one of parley's buttons (a quick reply or a card button): the button's value as the
 * user's text, in the conversation of the message that carried it. Undefined for other interactions.
 */
export function turnOfButtonClick(payloadText: string, now: number): SlackTurn | undefined {
  let payload: BlockActions;
  try {
    payload = JSON.parse(payloadText) as BlockActions;
  } catch {
    throw new HttpError(400, 'invalid_json', 'the interaction payload is not valid JSON');
  }
  const action = payload.actions?.find((a) => a.action_id?.startsWith(slackButtonActionPrefix));
  const user = payload.user?.id;
  const channel = payload.channel?.id;
  if (payload.type !== 'block_actions' || !action?.value || !user || !channel || !payload.message?.ts) return undefined;
  const team = payload.team?.id ?? payload.user?.team_id ?? 'team';
  // Direct-message channel ids start with D: there the conversation is the channel unless the button sat in a thread.
  const thread = payload.message.thread_ts ?? (channel.startsWith('D') ? undefined : payload.message.ts);
  const target = { channel, ...(thread ? { thread_ts: thread } : {}) };
  return {
    target,
    slackTeamId: team,
    slackUserId: user,
    turn: {
      id: boundedId(`slack:action:${payload.trigger_id ?? action.action_ts ?? now}`),
      conversationId: slackConversationId(team, target),
      user: { id: boundedId(`${team}:${user}`), verified: true },
      channel: slackChannelName,
      text: action.value,
      locale: 'und',
      timestamp: now,
    },
  };
}
