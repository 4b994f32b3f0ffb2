import type { Logger } from 'pino';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import type { SlackReplyTarget } from './slack-event-to-turn.ts';
import type { SlackWebApi } from './slack-web-api.ts';

/** Whether the workspace takes Slack's streaming methods; set false once Slack refuses them. */
export interface SlackStreamingSupport {
  available: boolean;
}

/** Options of {@link createSlackStream}. */
export interface SlackStreamOptions {
  api: SlackWebApi;
  /** The thread the reply streams into (Slack streams only in threads). */
  target: Required<SlackReplyTarget>;
  /** Who the streamed reply is for (`recipient_team_id`, `recipient_user_id`). */
  recipient: { team: string; user: string };
  /** Milliseconds a reply must still be running before it streams (quick replies are posted whole). */
  startAfterMs: number;
  /** Milliseconds between appends. */
  intervalMs: number;
  support: SlackStreamingSupport;
  log: Logger;
}

/** A reply streamed into a Slack thread. */
export interface SlackStream {
  push(event: BotEvent): void;
  /**
   * Ends the stream with the reply's whole text; true when the text went out through the stream (the caller then
   * posts only cards and buttons), false when nothing streamed (the caller posts everything).
   */
  finish(fullText: string): Promise<boolean>;
  /** Stops without finishing (the turn failed or was a retry); a started stream is left as it is. */
  cancel(): void;
}

/**
 * Slack's streaming methods for a slow reply: `chat.startStream` in the thread once the reply has run for
 * `startAfterMs`, `chat.appendStream` with the new text at most every `intervalMs`, `chat.stopStream` at the end.
 * When Slack refuses the methods (an older workspace or plan), streaming is switched off for the process and the
 * reply is posted whole.
 */
export function createSlackStream(options: SlackStreamOptions): SlackStream {
  const { api, target } = options;
  let text = '';
  let sent = 0;
  let ts: string | undefined;
  let failed = false;
  let finished = false;
  let chain: Promise<void> = Promise.resolve();
  let interval: NodeJS.Timeout | undefined;
  let starter: NodeJS.Timeout | undefined;

  const queue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch((error: unknown) => {
      failed = true;
      if (isParleyError(error) && !error.retryable) options.support.available = false;
      options.log.warn({ err: error }, 'Slack stream failed; the reply is posted instead');
    });
  };
  const append = () => {
    if (!ts || failed || sent >= text.length) return;
    const chunk = text.slice(sent);
    sent = text.length;
    queue(async () => {
      await api.call('chat.appendStream', { channel: target.channel, ts, markdown_text: chunk });
    });
  };
  const start = () => {
    if (finished || !options.support.available || text === '') return;
    sent = text.length;
    const first = text;
    queue(async () => {
      const answer = await api.call('chat.startStream', {
        channel: target.channel,
        thread_ts: target.thread_ts,
        recipient_team_id: options.recipient.team,
        recipient_user_id: options.recipient.user,
        markdown_text: first,
      });
      ts = String(answer.ts);
    });
    interval = setInterval(append, options.intervalMs);
  };

  return {
    push(event) {
      if (event.type !== 'text-delta') return;
      text += event.delta;
      starter ??= setTimeout(start, options.startAfterMs);
    },
    cancel() {
      finished = true;
      clearTimeout(starter);
      clearInterval(interval);
    },
    async finish(fullText) {
      this.cancel();
      await chain;
      if (!ts || failed) return false;
      // The finished text normally extends what streamed; a rewrite (a corrected answer) is appended whole.
      const rest = fullText.startsWith(text.slice(0, sent)) ? fullText.slice(sent) : `\n\n${fullText}`;
      try {
        if (rest !== '') await api.call('chat.appendStream', { channel: target.channel, ts, markdown_text: rest });
        await api.call('chat.stopStream', { channel: target.channel, ts });
        return true;
      } catch (error) {
        options.log.warn({ err: error }, 'Slack stream could not be finished; the reply is posted instead');
        return false;
      }
    },
  };
}
