/**
 * When a search hit counts as relevant (see `KnowledgeHit.relevant`). The defaults are calibrated on the
 * Acme knowledge base with `test/fixtures/acme-kb-tune.jsonl` (in-scope questions) and
 * `acme-kb-unrelated.jsonl` (questions the documents do not answer) by grid search, so that most in-scope
 * questions get a relevant best hit and most unrelated ones none; the figures are in docs/knowledge.md.
 * Recalibrate them for documents much unlike the Acme ones.
 */
export interface KnowledgeRelevanceOptions {
  /**
   * Least evidence: the summed weight of the question's concepts the passage contains, in units of
   * the IDF of a word found in a single chunk. Above 1, the passage matches more than one rare word's
   * worth of the question. Default 1.05.
   */
  minEvidence: number;
  /**
   * What `minEvidence` needs besides the question's strongest matched concept, in the same units: "more than one rare
   * word" means a second concept of substance, not one rare word and the collection's own topic word ("passport
   * photo at the library": "photo" plus a "library" that half the sections say). Default 0.3.
   */
  minSecondEvidence: number;
  /**
   * A passage containing at least this share of the question's weighted concepts needs only
   * `minCoveredEvidence`: a short question ("refund timeline") is relevant when it is all there.
   * Default 0.6.
   */
  fullCoverage: number;
  /** Least evidence of a passage that reaches `fullCoverage`. Default 0.3. */
  minCoveredEvidence: number;
  /** Least share of the question's weighted concepts any relevant passage contains, in [0, 1]. Default 0.15. */
  minCoverage: number;
  /** Weight of a question word that appears in no document, relative to the rarest possible word. Default 0.6. */
  unknownWordWeight: number;
  /** Weight of a phrase of function words that stands for a synonym group ("how much" → cost). Default 0.5. */
  functionPhraseWeight: number;
  /** Weight of a number in the question ("12", "4.95") relative to a word of the same IDF. Default 0.5. */
  numberWeight: number;
  /**
   * A concept found only through a synonym of weight w counts w^exponent of its weight in the
   * coverage and evidence (0 = as much as the user's own word). Default 1.
   */
  synonymCreditExponent: number;
  /** Share of a concept's weight credited when the passage has only a typo or prefix variant of it. Default 0.5. */
  variantCredit: number;
  /** How much of a concept's other matching alternatives adds to its best one in the score, in [0, 1]. Default 0.25. */
  otherAlternativesShare: number;
  /**
   * How much coverage shapes the ranking: hits are ordered by score × (1 − c + c × coverage), and
   * `KnowledgeHit.score` is that product. 0 = BM25 alone. Default 1 (BM25 × coverage).
   */
  coverageInRanking: number;
  /** A hit below the best one is relevant only if its score is at least this share of the best. Default 0.4. */
  minScoreRatio: number;
}

/** Defaults of {@link KnowledgeRelevanceOptions}. */
export const defaultKnowledgeRelevanceOptions: KnowledgeRelevanceOptions = {
  minEvidence: 1.05,
  minSecondEvidence: 0.3,
  fullCoverage: 0.6,
  minCoveredEvidence: 0.3,
  minCoverage: 0.15,
  unknownWordWeight: 0.6,
  numberWeight: 0.5,
  functionPhraseWeight: 0.5,
  synonymCreditExponent: 1,
  variantCredit: 0.5,
  otherAlternativesShare: 0.25,
  coverageInRanking: 1,
  minScoreRatio: 0.4,
};

/** What the relevance decision looks at for one hit. */
export interface RelevanceEvidence {
  /** Weighted share of the question's concepts in the passage, in [0, 1]. */
  coverage: number;
  /** Matched concept weight in units of a rare word's IDF. */
  evidence: number;
  /** The evidence without the strongest matched concept's; absent = counted as enough. */
  besidesStrongest?: number;
  /** The hit's ranking score, and the best one of the search. */
  score: number;
  bestScore: number;
}

/**
 * The relevance decision: enough of the question found (more than one rare word's worth from at least two of its
 * concepts, or nearly all of a short question), some of it at least, and not far below the best hit.
 */
export function isRelevant(hit: RelevanceEvidence, options: KnowledgeRelevanceOptions): boolean {
  const enough =
    (hit.evidence >= options.minEvidence && (hit.besidesStrongest ?? Number.POSITIVE_INFINITY) >= options.minSecondEvidence) ||
    (hit.coverage >= options.fullCoverage && hit.evidence >= options.minCoveredEvidence);
  return enough && hit.coverage >= options.minCoverage && hit.score >= options.minScoreRatio * hit.bestScore;
}
