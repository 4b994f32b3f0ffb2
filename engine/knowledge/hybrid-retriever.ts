import type { KnowledgeHit } from './knowledge-base.ts';
import { createDenseIndex, type SerializedDenseIndex } from './dense-index.ts';
import { defaultHybridSearchOptions, fuseKnowledgeHits, type HybridSearchOptions, promoteLeadSection } from './hybrid-search.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import { rerankByAlignment, sectionHeadings } from './rerank-by-alignment.ts';
import { createSifSentenceEncoder } from './sif-sentence-encoder.ts';
import { createWordAligner, type TermDocuments, termDocuments, type WordAligner } from './word-alignment.ts';
import { withDefaults } from './with-defaults.ts';

/** Options of {@link createHybridRetriever}. */
export interface HybridRetrieverOptions {
  /** The keyword index whose chunks are also embedded. */
  index: KnowledgeIndex;
  /**
   * The sentence encoder of the dense side. Default: SIF over the shipped GloVe vectors
   * (`createSifSentenceEncoder()`); `null` searches by keywords alone.
   */
  encoder?: SentenceEncoder | null;
  /** Fusion and agreement settings; defaults `defaultHybridSearchOptions`. */
  hybrid?: Partial<HybridSearchOptions>;
  /** Passage vectors saved by an earlier run. */
  serialized?: SerializedDenseIndex;
}

/** Keyword and dense search over one index, kept in step with it. */
export interface HybridRetriever {
  /** Embeds the index's new or changed passages; returns how many were embedded. */
  sync(): Promise<number>;
  /** The best `k` hits for a question, best first (see `fuseKnowledgeHits`). */
  search(query: string, k: number): Promise<KnowledgeHit[]>;
  /** The passage vectors to save, or undefined for keyword-only search. */
  toJSON(): SerializedDenseIndex | undefined;
}

let sharedSif: SentenceEncoder | undefined;
const defaultEncoder = (): SentenceEncoder => {
  sharedSif ??= createSifSentenceEncoder();
  return sharedSif;
};

/**
 * Hybrid retrieval over a knowledge index: BM25 and a sentence encoder's cosine ranking, fused by reciprocal
 * rank fusion. The embedded default encoder is SIF-weighted GloVe, which needs no model file and no download;
 * a user's ONNX sentence encoder (`createOnnxSentenceEncoder`) plugs into the same seam.
 */
export function createHybridRetriever(options: HybridRetrieverOptions): HybridRetriever {
  const { index } = options;
  const hybrid = withDefaults(defaultHybridSearchOptions, options.hybrid ?? {});
  const encoder = options.encoder === undefined ? defaultEncoder() : options.encoder;
  const dense = encoder ? createDenseIndex({ encoder, ...(options.serialized ? { serialized: options.serialized } : {}) }) : undefined;
  // The word aligner (GloVe) is made on the first search that re-ranks; the sections' words once per sync.
  let aligner: WordAligner | undefined;
  let corpus: TermDocuments | undefined;
  const rerank = hybrid.alignmentWeight > 0;
  return {
    async sync() {
      corpus = undefined;
      return dense ? dense.sync(index.chunks()) : 0;
    },
    async search(query, k) {
      if (!dense) return index.search(query, k);
      const lexical = index.search(query, index.chunkCount);
      // A question none of whose words occur in the documents gets no results, as with keywords alone.
      if (lexical.length === 0) return [];
      const matches = await dense.search(query);
      const depth = rerank ? Math.max(k, hybrid.rerankDepth) : k;
      const fused = fuseKnowledgeHits({ lexical, dense: matches, chunkOf: (id) => index.chunk(id), k: depth, options: hybrid, keepLead: rerank });
      if (!rerank) return fused;
      aligner ??= createWordAligner({ analyzer: index.analyzer });
      const words = aligner;
      corpus ??= termDocuments(index.chunks().map((chunk) => words.align(`${sectionHeadings(chunk)}\n${chunk.text}`)));
      const options = {
        weight: hybrid.alignmentWeight,
        headingWeight: hybrid.alignmentHeadingWeight,
        unknownWordWeight: index.relevance.unknownWordWeight,
        headingPrecision: hybrid.alignmentHeadingPrecision,
      };
      const reranked = rerankByAlignment({ question: query, hits: fused, corpus, analyzer: index.analyzer, aligner: words, options });
      return promoteLeadSection(reranked, hybrid).slice(0, k);
    },
    toJSON: () => dense?.toJSON(),
  };
}
