import type { Understanding } from './rank-transcripts.ts';
import { chooseFinalTranscript } from './choose-final-transcript.ts';
import type { RecognizeOptions, SpeechToText, TranscriptAlternative } from './speech-to-text.ts';

/** What a listener makes of a reading, with every meaning it weighed: its whole distribution, not only the best. */
export interface GradedUnderstanding extends Understanding {
  /** Each meaning with its probability, best first (an intent classifier's ranking); empty when it means nothing. */
  ranking: ReadonlyArray<{ meaning: string; confidence: number }>;
}

/** Options of {@link marginalTranscripts}. */
export interface MarginalTranscriptsOptions {
  /**
   * What the listener makes of `text` (say the intent classifier's ranking), or undefined to keep the
   * recognizer's own choice for this recognition (say when the bot waits for an answer that is not an intent).
   */
  understanding: (text: string, options: RecognizeOptions) => GradedUnderstanding | undefined;
  /**
   * How much the recognizer's posteriors count: each reading weighs posterior^sharpness. 1 takes them as they
   * are, 0 weighs every reading alike; a reading without a posterior (a grammar's phrase) weighs as the heaviest
   * one. Default 0.5 (chosen on the tuning paraphrases of `npm run bench:stt -- --tuning`, docs/voice.md).
   */
  sharpness?: number;
  /** Readings weighed: the final transcript and its first alternatives. Default 11. */
  readings?: number;
  /** A transcript the listener understands at least this surely stands as it is. Default 0.7. */
  standsAbove?: number;
}

/** The defaults of {@link MarginalTranscriptsOptions}. */
export const defaultMarginalTranscriptsOptions = { sharpness: 0.5, readings: 11, standsAbove: 0.7 };

/**
 * A recognizer whose final transcript, when the listener cannot make sense of it surely enough, gives way to the
 * meaning likeliest over the recognizer's whole list of readings: P(meaning | audio) ≈ Σ P(reading | audio) ·
 * P(meaning | reading), each reading weighted by its posterior (`sharpness`) and the listener's whole distribution
 * over meanings counted, so several half-understood readings of one meaning outweigh one reading understood a
 * little better. The transcript is then the likeliest reading of that meaning (so "track four five two one zero"
 * keeps its number); when no reading has it as its best meaning, the transcript stands. A transcript heard as one
 * of the language's phrases (`phrase`) stands too. The other readings stay as `alternatives`, likeliest first;
 * partial transcripts pass through unchanged.
 */
export function marginalTranscripts(stt: SpeechToText, options: MarginalTranscriptsOptions): SpeechToText {
  const settings = { ...defaultMarginalTranscriptsOptions, ...withoutUndefined(options), understanding: options.understanding };
  return chooseFinalTranscript(stt, (readings, recognizeOptions) => choose(readings, (text) => settings.understanding(text, recognizeOptions), settings), settings.readings);
}

/** The place of the reading to hand on, or undefined to keep the recognizer's choice. */
function choose(
  readings: readonly TranscriptAlternative[],
  understand: (text: string) => GradedUnderstanding | undefined,
  settings: { sharpness: number; standsAbove: number },
): number | undefined {
  const understood: GradedUnderstanding[] = [];
  for (const reading of readings) {
    const u = understand(reading.text);
    if (u === undefined) return undefined;
    if (understood.length === 0 && u.meaning !== null && u.confidence >= settings.standsAbove) return undefined;
    understood.push(u);
  }
  const given = readings.flatMap((r) => (r.posterior === undefined ? [] : [r.posterior ** settings.sharpness]));
  const heaviest = given.length > 0 ? Math.max(...given) : 1;
  const mass = new Map<string, number>();
  understood.forEach((u, place) => {
    const posterior = readings[place]!.posterior;
    const weight = posterior === undefined ? heaviest : posterior ** settings.sharpness;
    for (const { meaning, confidence } of u.ranking) mass.set(meaning, (mass.get(meaning) ?? 0) + weight * confidence);
  });
  let best: string | undefined;
  for (const [meaning, m] of mass) if (best === undefined || m > mass.get(best)!) best = meaning;
  const place = understood.findIndex((u) => u.meaning === best);
  return place === -1 ? undefined : place;
}

/** The options given, without the fields set to undefined (so they do not hide the defaults). */
function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
