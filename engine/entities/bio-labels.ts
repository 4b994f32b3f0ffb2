import type { AnnotatedSpan } from './annotated-example.ts';
import type { TaggerToken } from './tagger-token.ts';

/**
 * The tagger's labels: 0 is outside any entity, then for each entity `2k + 1` begins it and `2k + 2` continues it
 * (the BIO scheme).
 */
export interface BioLabels {
  readonly entities: readonly string[];
  readonly size: number;
  /** May `label` follow `previous` (-1 at the start)? Only B or I of an entity comes before its I. */
  allowed(previous: number, label: number): boolean;
}

/** The BIO labels of a set of entity names. */
export function createBioLabels(entities: readonly string[]): BioLabels {
  return {
    entities,
    size: 1 + 2 * entities.length,
    allowed: (previous, label) => label === 0 || label % 2 === 1 || previous === label || previous === label - 1,
  };
}

/** The label of each token under `spans`: a token belongs to the span it overlaps; the first such token begins it. */
export function encodeSpans(tokens: readonly TaggerToken[], spans: readonly AnnotatedSpan[], labels: BioLabels): Int32Array {
  const out = new Int32Array(tokens.length);
  for (const span of spans) {
    const k = labels.entities.indexOf(span.entity);
    if (k < 0) continue;
    let begun = false;
    for (const [i, token] of tokens.entries()) {
      if (token.end <= span.start || token.start >= span.end) continue;
      out[i] = begun ? 2 * k + 2 : 2 * k + 1;
      begun = true;
    }
  }
  return out;
}

/** The spans a label sequence marks, from the first token's start to the last token's end. */
export function decodeSpans(tokens: readonly TaggerToken[], sequence: ArrayLike<number>, labels: BioLabels): AnnotatedSpan[] {
  const spans: AnnotatedSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const label = sequence[i]!;
    if (label === 0) continue;
    const k = (label - 1) >> 1;
    const isContinuation = label % 2 === 0 && i > 0 && (sequence[i - 1] === label || sequence[i - 1] === label - 1);
    if (isContinuation && spans.length > 0) spans[spans.length - 1]!.end = tokens[i]!.end;
    else spans.push({ entity: labels.entities[k]!, start: tokens[i]!.start, end: tokens[i]!.end });
  }
  return spans;
}
