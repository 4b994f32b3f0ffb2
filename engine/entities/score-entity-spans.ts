import type { AnnotatedSpan } from './annotated-example.ts';

/** Precision, recall and F1 (fractions in [0, 1]) and the counts behind them. */
export interface SpanScore {
  precision: number;
  recall: number;
  f1: number;
  /** Gold spans. */
  support: number;
  /** Predicted spans. */
  predicted: number;
  /** Predicted spans equal to a gold span. */
  correct: number;
}

/** Span scores over a set of utterances: overall (micro-averaged) and per entity. */
export interface EntitySpanScores {
  overall: SpanScore;
  per_type: Record<string, SpanScore>;
}

function score(support: number, predicted: number, correct: number): SpanScore {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = support === 0 ? 0 : correct / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support, predicted, correct };
}

/**
 * Exact-match span scoring as in CoNLL evaluation: a predicted span counts only when its entity, start and end
 * all equal a gold span's. `gold[i]` and `predicted[i]` are the spans of utterance `i`.
 */
export function scoreEntitySpans(gold: readonly (readonly AnnotatedSpan[])[], predicted: readonly (readonly AnnotatedSpan[])[]): EntitySpanScores {
  const counts = new Map<string, { support: number; predicted: number; correct: number }>();
  const of = (entity: string) => {
    const c = counts.get(entity) ?? { support: 0, predicted: 0, correct: 0 };
    counts.set(entity, c);
    return c;
  };
  for (const [i, spans] of gold.entries()) {
    const keys = new Set(spans.map((s) => `${s.entity}\u0000${s.start}\u0000${s.end}`));
    for (const s of spans) of(s.entity).support++;
    for (const s of predicted[i] ?? []) {
      of(s.entity).predicted++;
      if (keys.has(`${s.entity}\u0000${s.start}\u0000${s.end}`)) of(s.entity).correct++;
    }
  }
  const perType: Record<string, SpanScore> = {};
  let support = 0;
  let predictedCount = 0;
  let correct = 0;
  for (const [entity, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    perType[entity] = score(c.support, c.predicted, c.correct);
    support += c.support;
    predictedCount += c.predicted;
    correct += c.correct;
  }
  return { overall: score(support, predictedCount, correct), per_type: perType };
}
