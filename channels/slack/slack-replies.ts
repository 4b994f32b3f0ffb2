import type { Logger } from 'pino';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { TurnResult } from '../../core/contracts/turn-result.ts';
import type { SlackReplyTarget, SlackTurn } from './slack-event-to-turn.ts';
import { slackReplyMessages, slackReplyText } from './slack-reply-messages.ts';
import { createSlackStream, type SlackStream } from './slack-stream.ts';
import type { SlackWebApi } from './slack-web-api.ts';

/** Options of {@link createSlackReplies}. */
export interface SlackRepliesOptions {
  api: SlackWebApi;
  log: Logger;
  fetch: typeof fetch;
  /** Whether to try Slack's streaming methods for replies in threads. */
  streaming: boolean;
  streamStartAfterMs: number;
  streamIntervalMs: number;
  /** Who sees a slash command's answer. */
  commandResponseType: 'ephemeral' | 'in_channel';
}

/** How the Slack channel delivers replies: posted messages, streams in threads, slash-command responses. */
export interface SlackReplies {
  /** Posts the events as messages to the target (only cards and buttons when the text was streamed). */
  post(target: SlackReplyTarget, events: readonly BotEvent[], textStreamed?: boolean): Promise<void>;
  /** A stream for the turn's reply when it goes to a thread and the workspace can stream; undefined otherwise. */
  streamFor(slack: SlackTurn): SlackStream | undefined;
  /** Delivers a finished turn to its thread or channel, finishing its stream first. */
  deliver(slack: SlackTurn, result: TurnResult, stream: SlackStream | undefined): Promise<void>;
  /** Delivers a slash command's answer through its `response_url`. */
  respond(responseUrl: string, result: TurnResult): Promise<void>;
}

/** The Slack channel's reply delivery over the Web API and response URLs. */
export function createSlackReplies(options: SlackRepliesOptions): SlackReplies {
  const { api } = options;
  const support = { available: options.streaming };
  const post = async (target: SlackReplyTarget, events: readonly BotEvent[], textStreamed = false) => {
    for (const message of slackReplyMessages(events, { textStreamed })) await api.postMessage({ ...target, ...message });
  };
  return {
    post,
    streamFor(slack) {
      const thread = slack.target.thread_ts;
      if (!support.available || thread === undefined) return undefined;
      return createSlackStream({
        api,
        target: { channel: slack.target.channel, thread_ts: thread },
        recipient: { team: slack.slackTeamId, user: slack.slackUserId },
        startAfterMs: options.streamStartAfterMs,
        intervalMs: options.streamIntervalMs,
        support,
        log: options.log,
      });
    },
    async deliver(slack, result, stream) {
      const streamed = stream ? await stream.finish(slackReplyText(result.events)) : false;
      await post(slack.target, result.events, streamed);
    },
    async respond(responseUrl, result) {
      for (const message of slackReplyMessages(result.events)) {
        const response = await options.fetch(responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: options.commandResponseType, ...message }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`the slash command's response_url answered ${response.status}`);
      }
    },
  };
}
