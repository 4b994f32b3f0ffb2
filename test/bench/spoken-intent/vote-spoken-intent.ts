import type { IntentClassifier, IntentScore } from '../../../engine/nlu/intent-classifier.ts';

/** Options of {@link voteSpokenIntent}. */
export interface VoteSpokenIntentOptions {
  /** Readings that vote: the final transcript and the first alternatives. Default 10. */
  readings?: number;
  /** Weight of each place down the recognizer's list, against the one above it (1 = all alike). Default 0.8. */
  decay?: number;
}

/** The defaults of {@link VoteSpokenIntentOptions} (chosen on the tuning paraphrases, docs/voice.md). */
export const defaultVoteSpokenIntentOptions = { readings: 10, decay: 0.8 };

/** The intent the readings of one utterance agree on, and its share of the votes in [0, 1]. */
export interface SpokenIntentVote {
  intent: string | null;
  confidence: number;
  /** Every intent with its share of the votes, best first. */
  ranking: IntentScore[];
}

/**
 * The intent of an utterance from all the recognizer's readings of it, likeliest first: each reading's
 * probabilities, weighted by `decay` to the power of its place, summed per intent. An intent that several readings
 * half carry beats one that the top reading alone carries; empty readings do not vote.
 */
export function voteSpokenIntent(classifier: IntentClassifier, readings: readonly string[], options: VoteSpokenIntentOptions = {}): SpokenIntentVote {
  const limit = options.readings ?? defaultVoteSpokenIntentOptions.readings;
  const decay = options.decay ?? defaultVoteSpokenIntentOptions.decay;
  const votes = new Map<string, number>();
  let total = 0;
  for (const [place, text] of readings.slice(0, limit).entries()) {
    if (text === '') continue;
    const weight = decay ** place;
    total += weight;
    for (const { intent, confidence } of classifier.classify(text).ranking) votes.set(intent, (votes.get(intent) ?? 0) + weight * confidence);
  }
  const ranking = [...votes].map(([intent, sum]) => ({ intent, confidence: total > 0 ? sum / total : 0 })).sort((a, b) => b.confidence - a.confidence);
  const best = ranking[0];
  return { intent: best?.intent ?? null, confidence: best?.confidence ?? 0, ranking };
}
