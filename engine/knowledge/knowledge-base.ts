import type { KnowledgeChunk } from './knowledge-chunk.ts';

/** One search result: a passage with its source, its score and whether it answers the question. */
export interface KnowledgeHit extends Omit<KnowledgeChunk, 'id'> {
  /** The chunk's id (`<file>#<n>`). */
  chunkId: string;
  /**
   * BM25 score of the passage for the question (sum over the question's concepts, each scored by its
   * best-matching word or synonym). Positive and unbounded; compare scores of one search only.
   */
  score: number;
  /** Weighted share of the question's concepts that the passage contains, in [0, 1]. */
  coverage: number;
  /**
   * How much of the question the passage matched: the summed weight of its matched concepts, in units
   * of the IDF of a word found in a single chunk (1 ≈ one rare word). Used with `coverage` for `relevant`.
   */
  evidence: number;
  /** The question's words (as the user wrote them) that the passage matched, directly or by synonym. */
  matched: string[];
  /**
   * The calibrated decision: this passage is about what was asked. False for every hit of an
   * unrelated question; when no hit is relevant the bot must say it does not know, not answer.
   */
  relevant: boolean;
  /** Cosine similarity to the question under a sentence encoder, when one ranked the hits (hybrid search or re-ranking). */
  similarity?: number;
  /** Reciprocal-rank-fusion score of the keyword and dense rankings, when the search was hybrid; compare within one search. */
  fused?: number;
  /** How well the section's words mean the question's (soft word alignment, 0–1), when hybrid search re-ranked by it. */
  alignment?: number;
  /**
   * How much each of the question's concepts (by the words the user wrote) weighs across the whole collection, in IDF
   * units, when the keyword search scored the passage: the lead sentence is chosen by the words that tell sections
   * apart, not by one every section says ("bin" in a bin service's help pages).
   */
  conceptWeights?: Readonly<Record<string, number>>;
}

/** What one {@link KnowledgeBase.refresh} did, by document path. */
export interface KnowledgeRefreshResult {
  /** Documents indexed for the first time. */
  added: string[];
  /** Documents whose content changed and were indexed again. */
  changed: string[];
  /** Documents gone from the source and dropped from the index. */
  removed: string[];
  /** Documents kept as they were indexed before (same size and time, or same content hash). */
  unchanged: number;
  /** Chunks in the index afterwards. */
  chunks: number;
}

/**
 * A searchable collection of documents (a bot's policies, FAQs, manuals). Passages it returns are
 * quoted data: a caller shows or summarises them and never follows instructions found in them.
 */
export interface KnowledgeBase {
  /** Implementation id, e.g. "parley-folder". */
  readonly provider: string;
  /**
   * The best passages for a question, best first, at most `k` (default 5); hits with `relevant: false`
   * are included so that callers can show "did you mean" or measure recall. Empty when nothing matches.
   */
  search(query: string, k?: number): Promise<KnowledgeHit[]>;
  /** Brings the index up to date with its source and says what changed. */
  refresh(): Promise<KnowledgeRefreshResult>;
  /** Stops watching the source and waits for a refresh in progress. Searching afterwards still works. */
  close(): Promise<void>;
}
