import { InputError } from '../../core/contracts/errors/index.ts';

/** One labelled validation utterance as a classifier saw it. */
export interface ThresholdSample {
  /** The classifier's confidence in its best intent; an utterance scoring below the threshold is rejected. */
  score: number;
  /** True when the utterance is out of scope (it should be rejected). */
  outOfScope: boolean;
  /** For an in-scope utterance: whether the best intent is the right one. Ignored for out-of-scope ones. */
  correct: boolean;
}

/** What {@link chooseOutOfScopeThreshold} picked, and how it did on the samples. */
export interface ThresholdChoice {
  /** Reject an utterance whose score is below this. */
  threshold: number;
  /** In-scope samples accepted with the right intent, over all in-scope samples, in [0, 1]. */
  inScopeAccuracy: number;
  /** Out-of-scope samples rejected, over all out-of-scope samples, in [0, 1]. */
  outOfScopeRecall: number;
}

/** Options of {@link chooseOutOfScopeThreshold}. */
export interface ChooseThresholdOptions {
  /** Smallest share of out-of-scope samples that must be rejected, in [0, 1]. Default 0.6. */
  minRecall: number;
}

/** Defaults of {@link ChooseThresholdOptions}. */
export const defaultChooseThresholdOptions: ChooseThresholdOptions = { minRecall: 0.6 };

/**
 * Picks the out-of-scope threshold on labelled validation data: the lowest threshold that rejects at
 * least `minRecall` of the out-of-scope samples, which is the one that keeps the most in-scope
 * samples (accuracy can only fall as the threshold rises). The threshold sits halfway between the
 * highest score it must reject and the next higher score, so it does not hinge on one exact value.
 * Throws an InputError when there are no in-scope or no out-of-scope samples.
 *
 * @example
 * const samples = validation.map((row) => {
 *   const p = classifier.classify(row.text);
 *   return { score: p.confidence, outOfScope: row.intent === 'oos', correct: p.ranking[0]?.intent === row.intent };
 * });
 * const { threshold } = chooseOutOfScopeThreshold(samples, { minRecall: 0.6 });
 */
export function chooseOutOfScopeThreshold(
  samples: readonly ThresholdSample[],
  options: Partial<ChooseThresholdOptions> = {},
): ThresholdChoice {
  const { minRecall } = { ...defaultChooseThresholdOptions, ...options };
  if (!(minRecall >= 0 && minRecall <= 1)) {
    throw new InputError('minRecall', `must be a number in [0, 1], got ${minRecall}`);
  }
  const outScores = samples.filter((s) => s.outOfScope).map((s) => s.score);
  const inScope = samples.filter((s) => !s.outOfScope);
  if (outScores.length === 0 || inScope.length === 0) {
    throw new InputError('samples', 'need both in-scope and out-of-scope samples to choose a threshold');
  }
  outScores.sort((a, b) => a - b);
  const mustReject = Math.ceil(minRecall * outScores.length - 1e-9);
  let threshold = 0;
  for (const s of samples) threshold = Math.min(threshold, s.score);
  if (mustReject > 0) {
    const highestRejected = outScores[mustReject - 1]!;
    let next = Number.POSITIVE_INFINITY;
    for (const s of samples) if (s.score > highestRejected && s.score < next) next = s.score;
    threshold = Number.isFinite(next) ? (highestRejected + next) / 2 : highestRejected + 1e-6;
  }
  return {
    threshold,
    inScopeAccuracy: inScope.filter((s) => s.correct && s.score >= threshold).length / inScope.length,
    outOfScopeRecall: outScores.filter((score) => score < threshold).length / outScores.length,
  };
}
