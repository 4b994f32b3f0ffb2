import type { SparseVector } from './sparse-vector.ts';
import type { WordVectors } from './word-vectors.ts';

/** Where and how strongly an utterance's mean word vector joins its TF-IDF features. */
export interface WordVectorBlock {
  vectors: WordVectors;
  /** Feature index of the block's first dimension (the TF-IDF vocabulary's size). */
  offset: number;
  /** Length of the block (the TF-IDF part has length 1). */
  weight: number;
}

/**
 * `x` with the utterance's mean word vector appended at `block.offset`: the vectors of its tokens
 * weighted by `weightOf` (their idf), summed, scaled to length `block.weight`. Tokens without a vector
 * are skipped; `x` comes back as it is when none has one. This is what lets an unseen word count
 * like a seen word of similar meaning ("reimbursement" like "refund").
 */
export function appendWordVectorBlock(
  x: SparseVector,
  tokens: readonly string[],
  block: WordVectorBlock,
  weightOf: (token: string) => number,
): SparseVector {
  const d = block.vectors.dimensions;
  const sum = new Float64Array(d);
  let found = false;
  for (const token of tokens) {
    const row = block.vectors.rowOf(token);
    if (row < 0) continue;
    block.vectors.addRow(row, weightOf(token), sum);
    found = true;
  }
  let norm = 0;
  for (const v of sum) norm += v * v;
  if (!found || norm === 0) return x;
  const scale = block.weight / Math.sqrt(norm);
  const n = x.indices.length;
  const indices = new Int32Array(n + d);
  const values = new Float32Array(n + d);
  indices.set(x.indices);
  values.set(x.values);
  for (let k = 0; k < d; k++) {
    indices[n + k] = block.offset + k;
    values[n + k] = sum[k]! * scale;
  }
  return { indices, values };
}
