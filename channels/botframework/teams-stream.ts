import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { BotEvent } from '../../core/contracts/bot-event.ts';

/** Whether Teams streams replies in this conversation: Teams supports streaming in one-to-one chats only. */
export function supportsTeamsStreaming(activity: Activity): boolean {
  return activity.channelId === 'msteams' && activity.conversation?.conversationType === 'personal';
}

/** A reply streamed into a Teams one-to-one chat. */
export interface TeamsStream {
  /** Starts the stream with an informative update ("…") and learns its stream id. */
  begin(): Promise<void>;
  /** Takes the turn's events as they are produced. */
  push(event: BotEvent): void;
  /** Ends the stream with one final message carrying the whole reply (text, cards, quick replies). */
  finish(activities: readonly Partial<Activity>[]): Promise<void>;
  /** Stops updating without a final message (the answer goes out another way, or was sent before). */
  cancel(): void;
}

type StreamType = 'informative' | 'streaming' | 'final';

function streamInfo(streamType: StreamType, streamId: string | undefined, streamSequence: number | undefined) {
  const info = { streamType, ...(streamId ? { streamId } : {}), ...(streamSequence === undefined ? {} : { streamSequence }) };
  return { entities: [{ type: 'streaminfo', ...info }], channelData: info };
}

/**
 * Teams' streaming protocol: an informative `typing` activity opens the stream (its id is the stream id), each
 * update is a `typing` activity with the whole text so far and a growing `streamSequence`, at most one per
 * `intervalMs` (Teams throttles faster updates), and a `message` with `streamType: "final"` ends it. When an
 * update fails the stream stops updating and the final message still carries the reply; when it cannot even
 * begin, the reply is sent as ordinary messages.
 */
export function createTeamsStream(context: TurnContext, intervalMs: number, log: Logger): TeamsStream {
  const texts = new Map<string, string>();
  let streamId: string | undefined;
  let sequence = 1;
  let sent = '';
  let failed = false;
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const currentText = () => [...texts.values()].filter((t) => t.trim() !== '').join('\n\n');

  const update = () => {
    const text = currentText();
    if (!streamId || failed || text === sent || text === '') return;
    sent = text;
    sequence += 1;
    const activity = { type: 'typing', text, ...streamInfo('streaming', streamId, sequence) };
    chain = chain
      .then(async () => {
        await context.sendActivity(activity);
      })
      .catch((error: unknown) => {
        failed = true;
        log.warn({ err: error }, 'Teams stream update failed; the final message will carry the reply');
      });
  };

  return {
    async begin() {
      try {
        const response = await context.sendActivity({ type: 'typing', text: '…', ...streamInfo('informative', undefined, sequence) });
        streamId = response?.id;
      } catch (error) {
        log.warn({ err: error }, 'Teams stream could not begin; replying with messages');
      }
      if (streamId) timer = setInterval(update, intervalMs);
    },
    push(event) {
      if (event.type === 'text-delta') texts.set(event.messageId, (texts.get(event.messageId) ?? '') + event.delta);
      else if (event.type === 'text-end') texts.set(event.messageId, event.text);
    },
    cancel() {
      clearInterval(timer);
    },
    async finish(activities) {
      clearInterval(timer);
      await chain;
      if (!streamId) {
        if (activities.length > 0) await context.sendActivities([...activities]);
        return;
      }
      const text = activities.flatMap((a) => (a.text ? [a.text] : [])).join('\n\n');
      const attachments = activities.flatMap((a) => a.attachments ?? []);
      const suggestedActions = activities.findLast((a) => a.suggestedActions)?.suggestedActions;
      await context.sendActivity({
        type: 'message',
        text: text === '' ? currentText() : text,
        textFormat: 'markdown',
        ...(attachments.length > 0 ? { attachments } : {}),
        ...(suggestedActions ? { suggestedActions } : {}),
        ...streamInfo('final', streamId, undefined),
      });
    },
  };
}
