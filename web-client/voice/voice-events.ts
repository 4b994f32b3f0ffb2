/**
 * The progress of voice in the widget, dispatched on the `<parley-widget>` element as `CustomEvent`s (they bubble
 * and cross no shadow boundary, so a host page listens on the element). Every detail carries `at`, a
 * `performance.now()` timestamp, so a page (or `npm run bench:voice`) can measure voice-to-voice latency.
 */
import type { AwaitedSpeech } from '../../channels/web/protocol.ts';

/** What voice is doing, as the widget shows and announces it. */
export type VoiceState = 'off' | 'loading' | 'listening' | 'thinking' | 'speaking' | 'unavailable';

/** The detail of each voice event, by event name. */
export interface VoiceEventMap {
  /** The state changed. */
  'parley-voice-state': { at: number; state: VoiceState };
  /** The voice activity detector heard speech begin. */
  'parley-voice-speech-start': { at: number };
  /**
   * The utterance ended: after the detector's end-of-turn wait, or `early` after a short silence because the server
   * judged the words so far a complete request; `audioMs`: the utterance's length.
   */
  'parley-voice-speech-end': { at: number; utteranceId: string; audioMs: number; early: boolean };
  /** Speech the detector heard while the bot spoke matched the bot's own playback: no barge-in. */
  'parley-voice-echo-ignored': { at: number; correlation: number };
  /** The server's transcript of an utterance. */
  'parley-voice-transcript': { at: number; utteranceId: string; text: string };
  /** The first audio of a reply starts playing (`at` is when it is scheduled to sound). */
  'parley-voice-playback-start': { at: number; utteranceId: string };
  /** A reply's audio finished playing, or was stopped (`stopped`). */
  'parley-voice-playback-end': { at: number; utteranceId: string; playedMs: number; stopped: boolean };
  /** The server finished the voice turn of an utterance; `awaiting`: what the bot waits for next (the end-of-turn wait). */
  'parley-voice-turn-end': { at: number; utteranceId: string; status: string; awaiting: AwaitedSpeech };
  /** The user spoke over the bot: playback stopped and `interrupt` was sent. */
  'parley-voice-barge-in': { at: number; utteranceId: string; playedMs: number };
  /** Voice could not start or failed; `reason` is a code, `message` what the widget shows. */
  'parley-voice-error': { at: number; reason: VoiceErrorReason; message: string };
}

/** Why voice is not working. */
export type VoiceErrorReason = 'no_microphone' | 'permission_denied' | 'load_failed' | 'server';

/** Dispatches a voice event on the widget element. */
export function dispatchVoiceEvent<K extends keyof VoiceEventMap>(target: EventTarget, name: K, detail: VoiceEventMap[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
