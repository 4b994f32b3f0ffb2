/** Options of {@link reciprocalRankFusion}. */
export interface ReciprocalRankFusionOptions {
  /** Rankings to fuse, each a list of ids, best first. */
  rankings: readonly (readonly string[])[];
  /** Weight of each ranking, in the order of `rankings`. Default 1 each. */
  weights?: readonly number[];
  /** The constant k of 1 / (k + rank); larger flattens the head of each list. Default 60 (Cormack et al. 2009). */
  k?: number;
}

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009), as Elasticsearch, OpenSearch and Vespa fuse
 * keyword and vector results: every id scores Σ weight / (k + rank), rank counting from 1 in each list it is
 * in. Scores of lists on different scales (BM25, cosine) are never compared, only their orders. Returns the
 * ids best first with their fused score; ties keep the order of the first ranking.
 *
 * @example
 * reciprocalRankFusion({ rankings: [['a', 'b'], ['b', 'c']] }) // [{ id: 'b', ... }, { id: 'a', ... }, { id: 'c', ... }]
 */
export function reciprocalRankFusion(options: ReciprocalRankFusionOptions): Array<{ id: string; score: number }> {
  const k = options.k ?? 60;
  const scores = new Map<string, number>();
  for (const [list, ranking] of options.rankings.entries()) {
    const weight = options.weights?.[list] ?? 1;
    for (const [i, id] of ranking.entries()) scores.set(id, (scores.get(id) ?? 0) + weight / (k + i + 1));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
