import type { KnowledgeHit } from './knowledge-base.ts';
import type { KnowledgeChunk } from './knowledge-chunk.ts';
import type { DenseMatch } from './dense-index.ts';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.ts';
import { defaultAlignmentRerankOptions } from './rerank-by-alignment.ts';

/**
 * How keyword (BM25) and meaning (dense vector) results are combined. The defaults were chosen on
 * `test/fixtures/acme-kb-tune.jsonl` and `acme-kb-unrelated.jsonl` (figures in docs/knowledge.md); the
 * validation and evaluation sets were not used.
 */
export interface HybridSearchOptions {
  /** Weight of the dense ranking in reciprocal rank fusion; the BM25 ranking weighs 1. 0 = order by BM25 alone. Default 0.5. */
  denseWeight: number;
  /** RRF's k: 1 / (k + rank). Default 5 (a short list of sections, where the head matters most). */
  fusionK: number;
  /**
   * A passage the keyword decision found too weak is still relevant when meaning agrees: it is among the first
   * `agreementRank` + 1 dense results, its similarity is at least `agreementSimilarity`, and it matched at least
   * `agreementEvidence` of the question's words (in rare-word units). Defaults 1, 0.5 and 0.4: more than a
   * question-form phrase alone ("how much" counts half its group's weight), less than a topic phrase that several
   * sections share ("gift cards" in Acme's documents).
   */
  agreementRank: number;
  agreementSimilarity: number;
  agreementEvidence: number;
  /**
   * Answerability is decided for the question, the section by rank: when any hit is relevant, the first fused hit
   * is relevant too if it matched at least `leadEvidence` of a rare word and `leadCoverage` of the question, so a
   * better-ranked section is not passed over for a lower one that happens to share one more word with the question.
   * Defaults 0.5 and 0.15 (`isPlausibleKnowledgeHit`'s); `leadEvidence` > any evidence (e.g. Infinity) turns it off.
   */
  leadEvidence: number;
  leadCoverage: number;
  /**
   * Re-ranking of the first `rerankDepth` fused hits by soft word alignment (`rerankByAlignment`): the alignment
   * (0–1) times `alignmentWeight` is added to the fused score relative to the best. 0 turns it off. Defaults 0.5 and 10.
   */
  alignmentWeight: number;
  rerankDepth: number;
  /** A question word found in a section's headings counts this many times its credit in the text, in the alignment. Default 2. */
  alignmentHeadingWeight: number;
  /** Weight of how much of a section heading's own words the question means (`headingPrecision`), in the re-ranking. Default 0 (off). */
  alignmentHeadingPrecision: number;
  /**
   * With re-ranking, the first hit is also quoted (made relevant, when some hit is) if its alignment is at least this:
   * its words mean the question's even where few of them are the question's own. Default 0.4.
   */
  leadAlignment: number;
  /**
   * With re-ranking, a question with no relevant hit is still answered by the first hit when it matched a plausible
   * share of the question (`leadEvidence`, `leadCoverage`) and its alignment is at least this: words and meaning agree
   * on one section. Infinity = off. Default Infinity.
   */
  answerAlignment: number;
}

/** Defaults of {@link HybridSearchOptions}. */
export const defaultHybridSearchOptions: HybridSearchOptions = {
  denseWeight: 0.5,
  fusionK: 5,
  agreementRank: 1,
  agreementSimilarity: 0.5,
  agreementEvidence: 0.4,
  leadEvidence: 0.5,
  leadCoverage: 0.15,
  alignmentWeight: defaultAlignmentRerankOptions.weight,
  rerankDepth: 10,
  alignmentHeadingWeight: defaultAlignmentRerankOptions.headingWeight,
  alignmentHeadingPrecision: defaultAlignmentRerankOptions.headingPrecision,
  leadAlignment: 0.4,
  answerAlignment: Number.POSITIVE_INFINITY,
};

/** What {@link fuseKnowledgeHits} combines. */
export interface FuseKnowledgeHitsInput {
  /** Every chunk the keyword search scored, best first, with its relevance decided. */
  lexical: readonly KnowledgeHit[];
  /** Every chunk by similarity to the question, best first. */
  dense: readonly DenseMatch[];
  /** The chunk of an id (for passages only the dense search found). */
  chunkOf: (id: string) => KnowledgeChunk | undefined;
  /** Results to return. */
  k: number;
  options: HybridSearchOptions;
  /** Leave the first hit's relevance as it is (the caller re-ranks first, then calls {@link promoteLeadSection}). */
  keepLead?: boolean;
}

/** A hit for a passage that shares no word with the question: only its meaning ranks it, and it is never relevant alone. */
function meaningOnlyHit(chunk: KnowledgeChunk): KnowledgeHit {
  const { id, ...rest } = chunk;
  return { chunkId: id, ...rest, headingPath: [...rest.headingPath], score: 0, coverage: 0, evidence: 0, matched: [], relevant: false };
}

/**
 * Hybrid retrieval: the keyword and dense rankings fused by reciprocal rank fusion, each hit with its `similarity`
 * and `fused` score. A hit is relevant when the keyword decision says so, or when meaning agrees with a weaker
 * keyword match (see `HybridSearchOptions.agreementRank`), or when it ranks first with a plausible match in a search
 * that has a relevant hit (`leadEvidence`); meaning alone never makes a passage relevant, so a question the
 * documents do not cover still gets "I don't know".
 */
export function fuseKnowledgeHits(input: FuseKnowledgeHitsInput): KnowledgeHit[] {
  const { lexical, dense, chunkOf, k, options } = input;
  const similarity = new Map(dense.map((d) => [d.chunkId, d.similarity]));
  const denseRank = new Map(dense.map((d, i) => [d.chunkId, i]));
  const byId = new Map(lexical.map((hit) => [hit.chunkId, hit]));
  const fused = reciprocalRankFusion({
    rankings: [lexical.map((hit) => hit.chunkId), dense.map((d) => d.chunkId)],
    weights: [1, options.denseWeight],
    k: options.fusionK,
  });
  const hits: KnowledgeHit[] = [];
  for (const { id, score } of fused) {
    if (hits.length >= k) break;
    const known = byId.get(id);
    const chunk = known ? undefined : chunkOf(id);
    const hit = known ?? (chunk ? meaningOnlyHit(chunk) : undefined);
    if (!hit) continue;
    const sim = similarity.get(id) ?? 0;
    const agrees =
      (denseRank.get(id) ?? Number.POSITIVE_INFINITY) <= options.agreementRank &&
      sim >= options.agreementSimilarity &&
      hit.evidence >= options.agreementEvidence;
    hits.push({ ...hit, similarity: sim, fused: score, relevant: hit.relevant || agrees });
  }
  return input.keepLead ? hits : promoteLeadSection(hits, options);
}

/**
 * Answerability is the question's, the section the rank's: when some hit is relevant, the first one is quoted too if
 * it matched a plausible share of the question (`leadEvidence`, `leadCoverage`) or its words mean the question's
 * (`alignment` ≥ `leadAlignment`). It never makes a question with no relevant hit answered.
 */
export function promoteLeadSection(hits: readonly KnowledgeHit[], options: HybridSearchOptions): KnowledgeHit[] {
  const out = [...hits];
  const [first] = out;
  if (!first || first.relevant) return out;
  const plausible = first.evidence >= options.leadEvidence && first.coverage >= options.leadCoverage;
  const alignment = first.alignment ?? 0;
  const answerable = out.some((h) => h.relevant);
  if ((answerable && (plausible || alignment >= options.leadAlignment)) || (plausible && alignment >= options.answerAlignment))
    out[0] = { ...first, relevant: true };
  return out;
}
