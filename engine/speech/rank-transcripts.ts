import { chooseFinalTranscript } from './choose-final-transcript.ts';
import type { RecognizeOptions, SpeechToText } from './speech-to-text.ts';

/** What a listener makes of a reading: what it takes it to mean (say an intent), or null for nothing, and how surely. */
export interface Understanding {
  meaning: string | null;
  /** In [0, 1]; a reading meaning nothing counts as 0. */
  confidence: number;
}

/** Options of {@link rankTranscripts}. */
export interface RankTranscriptsOptions {
  /**
   * What the listener makes of `text` (say the intent classifier's reading), or undefined to keep the
   * recognizer's own choice for this recognition (say when the bot waits for an answer that is not an intent).
   */
  understanding: (text: string, options: RecognizeOptions) => Understanding | undefined;
  /** How much each place further down the recognizer's list costs, in units of understanding. Default 0.02. */
  rankPenalty?: number;
  /** Readings considered: the final transcript and its first alternatives. Default 10. */
  readings?: number;
  /**
   * A transcript the listener understands at least this surely stands as it is: ranking is for readings it
   * cannot make sense of. Default 0.5 (chosen on the tuning paraphrases of `npm run bench:stt -- --tuning`).
   */
  standsAbove?: number;
}

/** The defaults of {@link RankTranscriptsOptions}. */
export const defaultRankTranscriptsOptions = { rankPenalty: 0.02, readings: 10, standsAbove: 0.5 };

/**
 * A recognizer whose final transcript, when the listener cannot make sense of it (understood less surely than
 * `standsAbove`), gives way to the meaning the listener understands best among the readings the wrapped one
 * offers (its transcript and `alternatives`, each less a small cost per place down the list), and of the readings
 * with that meaning to the likeliest. A closed-vocabulary recognizer often hears a paraphrase as a garbled top
 * reading with the right words a few places down. The recognizer's order still decides between readings of one
 * meaning (so "track four five two one zero" keeps its number over a likelier-sounding "track my order"), and a
 * transcript heard as one of the language's phrases (`phrase`) stands. The other readings stay as
 * `alternatives`, likeliest first; partial transcripts pass through unchanged.
 */
export function rankTranscripts(stt: SpeechToText, options: RankTranscriptsOptions): SpeechToText {
  const rankPenalty = options.rankPenalty ?? defaultRankTranscriptsOptions.rankPenalty;
  const limit = options.readings ?? defaultRankTranscriptsOptions.readings;
  const standsAbove = options.standsAbove ?? defaultRankTranscriptsOptions.standsAbove;
  return chooseFinalTranscript(
    stt,
    (readings, recognizeOptions) => {
      const meanings: Array<string | null> = [];
      let best = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (const [place, reading] of readings.entries()) {
        const understood = options.understanding(reading.text, recognizeOptions);
        if (understood === undefined) return undefined;
        meanings.push(understood.meaning);
        const surely = understood.meaning === null ? 0 : understood.confidence;
        if (place === 0 && surely >= standsAbove) return undefined;
        const score = surely - rankPenalty * place;
        if (score > bestScore) {
          bestScore = score;
          best = place;
        }
      }
      const first = meanings.indexOf(meanings[best] ?? null);
      return first === -1 ? best : first;
    },
    limit,
  );
}
