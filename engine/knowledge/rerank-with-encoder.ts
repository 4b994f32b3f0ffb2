import type { KnowledgeHit } from './knowledge-base.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import { SentenceEncoderError } from './sentence-encoder-error.ts';
import { withDefaults } from './with-defaults.ts';

/** Options of {@link rerankWithEncoder}. */
export interface RerankWithEncoderOptions {
  /** The question. */
  query: string;
  /** Search results to reorder (typically more than will be shown, e.g. the top 20). */
  hits: readonly KnowledgeHit[];
  encoder: SentenceEncoder;
  /** Share of the cosine similarity in the blended order, in [0, 1]; the rest is the lexical score. Default 0.5. */
  weight?: number;
  /** Passage vectors kept between calls, keyed by chunk id and text. Default: none kept. */
  cache?: Map<string, Float32Array>;
}

/** Defaults of {@link RerankWithEncoderOptions}. */
export const defaultRerankWithEncoderOptions = {
  weight: 0.5,
} as const;

/** Cosine similarity of two vectors of the same length; 0 when either is all zeros. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * Reorders hits by a blend of their lexical score (relative to the best) and the cosine similarity
 * of the question and the passage (headings and text) under a sentence encoder, and sets each hit's
 * `similarity`. Relevance decisions are kept as search made them.
 *
 * @example
 * const hits = await rerankWithEncoder({ query, hits: await kb.search(query, 20), encoder });
 */
export async function rerankWithEncoder(options: RerankWithEncoderOptions): Promise<KnowledgeHit[]> {
  const { query, hits, encoder, weight, cache } = withDefaults(defaultRerankWithEncoderOptions, options);
  if (hits.length === 0) return [];
  const keyOf = (hit: KnowledgeHit) => `${hit.chunkId}\u0000${hit.text}`;
  const passageOf = (hit: KnowledgeHit) => [...hit.headingPath, hit.text].join('\n');
  const missing = hits.filter((hit) => cache?.get(keyOf(hit)) === undefined);
  const vectors = await encoder.embed([query, ...missing.map(passageOf)]);
  const [queryVector, ...fresh] = vectors;
  if (queryVector === undefined || fresh.length !== missing.length) {
    throw new SentenceEncoderError(encoder.provider, missing.length + 1, vectors.length);
  }
  const vectorOf = new Map(missing.map((hit, i) => [keyOf(hit), fresh[i]!]));
  for (const [key, vector] of vectorOf) cache?.set(key, vector);
  const best = Math.max(...hits.map((hit) => hit.score));
  return hits
    .map((hit) => {
      const similarity = cosineSimilarity(queryVector, vectorOf.get(keyOf(hit)) ?? cache!.get(keyOf(hit))!);
      const lexical = best > 0 ? hit.score / best : 0;
      return {
        hit: { ...hit, similarity },
        blended: (1 - weight) * lexical + weight * Math.max(0, similarity),
      };
    })
    .sort((a, b) => b.blended - a.blended)
    .map(({ hit }) => hit);
}
