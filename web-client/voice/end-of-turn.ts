/**
 * When the widget decides the user has finished speaking: the voice activity detector's settings, by what the bot
 * is waiting for. One place for these numbers so the voice benchmark (`npm run bench:voice`) can tune them against
 * premature cut-offs and latency; the widget reads them through {@link endOfTurnSettings} only.
 */
import type { AwaitedSpeech } from '../../channels/web/protocol.ts';

/**
 * What the bot is waiting for, as the server says with each voice reply (`VoiceDone.awaiting`):
 * `digits` — something people read out slowly with pauses (an order id, a number);
 * `free` — any other answer it asked for (a name, yes or no, one of some options);
 * `none` — nothing in particular (the start of a conversation, after an answer).
 */
export type { AwaitedSpeech };

/** Settings of the voice activity detector (vad-web's frame processor), in its own units. */
export interface EndOfTurnSettings {
  /** Silence after speech before the utterance ends, in milliseconds: the end-of-turn wait. */
  redemptionMs: number;
  /** Speech shorter than this is dropped as a misfire (a cough, a click), in milliseconds. */
  minSpeechMs: number;
  /** Audio kept from before the detected start of speech, in milliseconds (the first syllable's onset). */
  preSpeechPadMs: number;
  /** Speech probability (0 to 1) over which a frame counts as speech. */
  positiveSpeechThreshold: number;
  /** Speech probability (0 to 1) under which a frame counts as silence. */
  negativeSpeechThreshold: number;
}

const base: Omit<EndOfTurnSettings, 'redemptionMs'> = {
  minSpeechMs: 250,
  preSpeechPadMs: 300,
  positiveSpeechThreshold: 0.5,
  negativeSpeechThreshold: 0.35,
};

/**
 * The end-of-turn waits by what is awaited, in milliseconds: whole frames of Silero v5 (32 ms; vad-web rounds down),
 * each the longest pause it must ride out plus about a frame — 700 ms inside a sentence, 1000 ms between digits read
 * out (the recordings of `npm run bench:voice`). Silero hears up to 20 and 31 silent frames in those pauses, a frame
 * more or less from run to run; shorter waits cut the sentences in two (docs/voice.md has the trade-off measured).
 */
const redemptionMsByAwaited: Record<AwaitedSpeech, number> = {
  none: 23 * 32,
  free: 23 * 32,
  digits: 33 * 32,
};

/**
 * The early end of turn, in milliseconds of silence (7 frames of 32 ms): the widget ends the utterance this soon when
 * the server's latest partial transcript, covering the audio up to the silence, is a complete request
 * (`voice-transcript.complete`); otherwise it waits the full `redemptionMs`. Shorter than every pause inside the
 * benchmark's sentences (300 ms and up), so only the server's judgement of the words decides whether a pause ends the
 * turn; the server judges a reading complete only once it stood over a further 128 ms chunk, so a shorter wait
 * gains little.
 */
export const earlyEndMs = 7 * 32;

/**
 * The detector's settings for the next utterance, given what the bot is waiting for: a longer wait after speech
 * when the user reads out digits, so a pause between groups does not end the turn.
 *
 * @example
 * const vad = await MicVAD.new({ ...endOfTurnSettings('digits'), ... });
 * vad.setOptions(endOfTurnSettings(done.awaiting ?? 'none'));
 */
export function endOfTurnSettings(awaiting: AwaitedSpeech): EndOfTurnSettings {
  return { ...base, redemptionMs: redemptionMsByAwaited[awaiting] };
}
