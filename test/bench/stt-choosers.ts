/**
 * Ways to choose the intent (and the transcript) from one recognition's whole hypothesis space, measured side by
 * side on the same decodings by `npm run bench:stt -- --approaches hybrid-choosers` (or on a --dump of them, by
 * stt-replay-choosers.ts): the recognizer's top reading, the earlier default (`rankTranscripts`: the intent of the
 * reading understood surest), the voice channel's default (`intentRankedSpeech`: the intent marginalised over the
 * N-best readings weighted by their posteriors), and that with a bag of the lattice's likely words mixed in.
 */
import { intentRankedSpeech } from '../../channels/voice/intent-ranked-speech.ts';
import type { IntentClassifier, IntentPrediction } from '../../engine/nlu/intent-classifier.ts';
import { rankTranscripts } from '../../engine/speech/rank-transcripts.ts';
import { type Transcript, transcribe } from '../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { replaySpeech } from '../support/replay-speech.ts';

/** Picks the text the bot is handed from a final transcript, given the bot's classifier. */
export type Chooser = (heard: Transcript, classify: (text: string) => IntentPrediction) => Promise<string>;

const silence = { sampleRate: 16_000, samples: new Int16Array(0) };

/** The voice channel's chooser (`intentRankedSpeech` without an awaited answer). */
export function defaultChooser(classifier: IntentClassifier): Chooser {
  return async (heard) => (await transcribe(intentRankedSpeech(replaySpeech(heard), classifier), silence)).text;
}

/** The earlier default: the intent of the reading understood surest (`rankTranscripts` with its defaults). */
export const rankedChooser: Chooser = async (heard, classify) => {
  const ranked = rankTranscripts(replaySpeech(heard), {
    understanding: (text) => {
      const { intent, confidence } = classify(spokenDigitsToText(text));
      return { meaning: intent, confidence };
    },
  });
  return (await transcribe(ranked, silence)).text;
};

/** The lattice's words with posterior at least `threshold`, in the order they were heard; "" when none. */
export function latticeBag(heard: Transcript, threshold: number): string {
  return (heard.words ?? [])
    .filter((w) => w.posterior >= threshold)
    .sort((a, b) => a.startMs - b.startMs)
    .map((w) => w.word)
    .join(' ');
}

/** Settings of {@link marginalChooser}. */
export interface MarginalSettings {
  /**
   * Sharpness of the readings' posteriors: P(reading) ∝ posterior^sharpness (pocketsphinx's N-best posteriors are a
   * softmax of the path scores at its lattice's acoustic scale, so this divides that scale's temperature). 0: all
   * readings alike.
   */
  sharpness: number;
  /**
   * Weight of a reading without a posterior (the grammar's phrase, a top reading missing from the N-best list):
   * `top`, the top reading's (or the likeliest N-best reading's); `mean`, the mean of the others'; `none`, 0.
   */
  missing: 'top' | 'mean' | 'none';
  /** A top reading understood at least this surely stands (as the ranking's `standsAbove`); above 1: never. */
  standsAbove: number;
  /** Readings considered, the top one included. */
  readings: number;
  /** Weight of the lattice bag's intent distribution against the readings' (0: no bag); its threshold. */
  bag?: { weight: number; threshold: number };
}

/**
 * P(intent | audio) ≈ Σ_readings P(reading | audio) · P(intent | reading), the classifier's whole ranking for each
 * reading, as `marginalTranscripts` does, with the settings open and the lattice bag as one more source of intents
 * (at `bag.weight` against the readings'); the argmax intent's likeliest reading is the transcript (the bag's text
 * when no reading has it).
 */
export function marginalChooser(settings: MarginalSettings): Chooser {
  return async (heard, classify) => {
    if (heard.phrase || heard.text === '' || !heard.alternatives?.length) return heard.text;
    const readings = [{ text: heard.text, confidence: heard.confidence }, ...heard.alternatives].slice(0, settings.readings);
    const predictions = readings.map((r) => classify(spokenDigitsToText(r.text)));
    const top = predictions[0]!;
    if (top.intent !== null && top.confidence >= settings.standsAbove) return heard.text;
    const known = readings.map((r, i) => (i === 0 ? heard.posterior : r.posterior));
    const given = known.filter((p): p is number => p !== undefined).map((p) => p ** settings.sharpness);
    const fill = given.length === 0 ? 1 : settings.missing === 'none' ? 0 : settings.missing === 'mean' ? given.reduce((a, b) => a + b, 0) / given.length : Math.max(...given);
    const weights = known.map((p, i) => (p === undefined ? (i === 0 && settings.missing === 'none' ? Math.max(...given, 0) : fill) : p ** settings.sharpness));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    const mass = new Map<string, number>();
    const add = (prediction: IntentPrediction, weight: number) => {
      if (prediction.outOfScope) return;
      for (const { intent, confidence } of prediction.ranking) mass.set(intent, (mass.get(intent) ?? 0) + weight * confidence);
    };
    const readingsShare = 1 - (settings.bag?.weight ?? 0);
    predictions.forEach((p, i) => {
      add(p, (readingsShare * weights[i]!) / total);
    });
    const bag = settings.bag ? latticeBag(heard, settings.bag.threshold) : '';
    const bagPrediction = bag ? classify(spokenDigitsToText(bag)) : undefined;
    if (bagPrediction && settings.bag) add(bagPrediction, settings.bag.weight);
    const best = [...mass].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (best === undefined) return heard.text;
    const place = predictions.findIndex((p) => p.intent === best);
    if (place >= 0) return readings[place]!.text;
    return bagPrediction?.intent === best ? bag : heard.text;
  };
}

/**
 * The choosers the benchmark compares, by name: `top`, `ranked` (the earlier default), `default` (the voice
 * channel's), and with `sweep` the settings tried for the default (`k` sharpness, `s` standsAbove, `r` readings,
 * the weight of readings without a posterior, `bag` threshold and weight).
 */
export function benchChoosers(classifier: IntentClassifier, sweep = false): Record<string, Chooser> {
  const choosers: Record<string, Chooser> = { top: async (heard) => heard.text, ranked: rankedChooser, default: defaultChooser(classifier) };
  if (!sweep) return choosers;
  for (const sharpness of [0, 0.25, 0.5, 1, 2])
    for (const standsAbove of [0.5, 0.7, 2])
      for (const missing of ['top', 'mean', 'none'] as const)
        for (const readings of [5, 11]) choosers[`k${sharpness}-s${standsAbove}-${missing}-r${readings}`] = marginalChooser({ sharpness, standsAbove, readings, missing });
  for (const sharpness of [0, 0.5, 1])
    for (const weight of [0.1, 0.25, 0.5])
      for (const threshold of [0.1, 0.2, 0.3, 0.5])
        for (const standsAbove of [0.5, 2])
          choosers[`k${sharpness}-s${standsAbove}-top-r11-bag${threshold}w${weight}`] = marginalChooser({ sharpness, standsAbove, readings: 11, missing: 'top', bag: { weight, threshold } });
  return choosers;
}
