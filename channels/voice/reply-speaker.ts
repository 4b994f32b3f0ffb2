import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { TextToSpeech } from '../../engine/speech/text-to-speech.ts';

/** A chunk of a reply's speech. */
export interface ReplyAudio {
  messageId: string;
  samples: Int16Array;
  sampleRate: number;
}

/** A word of the reply's speech, timed from the start of the turn's audio. */
export interface SpokenWord {
  messageId: string;
  text: string;
  startMs: number;
  endMs: number;
}

/** Speaks a turn's reply events as they come: see {@link createReplySpeaker}. */
export interface ReplySpeaker {
  /** Feeds one reply event. */
  event(event: BotEvent): void;
  /** Resolves once everything fed so far is spoken (or the signal aborted), with the words and audio length. */
  done(): Promise<{ words: SpokenWord[]; audioMs: number }>;
}

const sentenceEnd = /[.!?…]["')\]]*\s+/gu;

interface MessageSpeech {
  text: string;
  deltas: number;
  /** How much of `text` is queued for speaking, in UTF-16 code units. */
  queued: number;
  spoken: boolean;
}

/**
 * Turns reply events into speech, one message sentence after sentence. A message whose text streams in pieces (a
 * model's reply) is spoken a sentence at a time as each completes, so speech starts before the reply is done; a
 * message that comes whole is spoken from its `speak` event, so a skill's spoken form ("four five two one zero")
 * is used. Syntheses run one after another; `onAudio` gets each chunk in order. Aborting `signal` stops it.
 */
export function createReplySpeaker(options: {
  tts: TextToSpeech;
  signal: AbortSignal;
  /** Gets each chunk; a returned promise holds synthesis back until it settles (pacing to playback). */
  onAudio: (audio: ReplyAudio) => void | Promise<void>;
  onWord?: (word: SpokenWord) => void;
}): ReplySpeaker {
  const messages = new Map<string, MessageSpeech>();
  const words: SpokenWord[] = [];
  let audioMs = 0;
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown;

  const say = (messageId: string, text: string) => {
    if (text.trim() === '') return;
    queue = queue.then(async () => {
      if (options.signal.aborted || failure !== undefined) return;
      const startMs = audioMs;
      try {
        for await (const event of options.tts.synthesize(text, { signal: options.signal })) {
          if (event.type === 'word') {
            const word = { messageId, text: event.text, startMs: startMs + event.startMs, endMs: startMs + event.endMs };
            words.push(word);
            options.onWord?.(word);
          }
          else {
            audioMs += (event.samples.length / event.sampleRate) * 1000;
            await options.onAudio({ messageId, samples: event.samples, sampleRate: event.sampleRate });
          }
        }
      } catch (error) {
        if (!options.signal.aborted) failure = error;
      }
    });
  };
  const stateOf = (messageId: string) => {
    let state = messages.get(messageId);
    if (!state) {
      state = { text: '', deltas: 0, queued: 0, spoken: false };
      messages.set(messageId, state);
    }
    return state;
  };

  return {
    event(event) {
      if (event.type === 'text-delta') {
        const state = stateOf(event.messageId);
        state.text += event.delta;
        state.deltas++;
        // A second piece means the text streams: speak each sentence as soon as it is complete.
        if (state.deltas < 2) return;
        let end = state.queued;
        for (const match of state.text.slice(state.queued).matchAll(sentenceEnd)) end = state.queued + match.index + match[0].length;
        if (end > state.queued) {
          say(event.messageId, state.text.slice(state.queued, end));
          state.queued = end;
        }
      } else if (event.type === 'text-end') {
        stateOf(event.messageId).text = event.text;
      } else if (event.type === 'speak') {
        const state = stateOf(event.messageId);
        if (state.spoken) return;
        state.spoken = true;
        say(event.messageId, state.queued === 0 ? event.text : state.text.slice(state.queued));
        state.queued = state.text.length;
      }
    },
    async done() {
      for (const [messageId, state] of messages)
        if (!state.spoken && state.queued < state.text.length) {
          state.spoken = true;
          say(messageId, state.text.slice(state.queued));
        }
      await queue;
      if (failure !== undefined) throw failure;
      return { words, audioMs };
    },
  };
}
