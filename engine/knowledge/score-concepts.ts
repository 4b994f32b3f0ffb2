import type { QueryConcept } from './knowledge-analyzer.ts';
import type { KnowledgeRelevanceOptions } from './knowledge-relevance.ts';

/** Where one index term (or a fuzzy/prefix variant of it) occurs. */
export interface TermPostings {
  /** Chunk id → BM25 score of the term in the chunk's text. */
  text: ReadonlyMap<string, number>;
  /** Chunks whose section headings contain the term. */
  headings: ReadonlySet<string>;
  /** Chunks whose document title contains the term. */
  title: ReadonlySet<string>;
  /** Chunks containing the term itself (not a fuzzy or prefix variant) in any field. */
  exact: ReadonlySet<string>;
}

/** How much a question word found in a heading or title adds, in units of the word's IDF. */
export interface LabelWeights {
  headings: number;
  title: number;
}

/** A chunk's score for a question and the share of the question it covers. */
export interface ConceptScore {
  chunkId: string;
  score: number;
  coverage: number;
  /** Surfaces of the concepts the chunk matched. */
  matched: string[];
  /** Summed weight of the matched concepts (the numerator of `coverage`), in IDF units. */
  evidence: number;
  /** Weight of the strongest matched concept alone, in IDF units. */
  strongest: number;
}

const number = /^\d/;

/** The best alternative's score plus `share` of the others' (1 = plain sum, 0 = best only). */
function combineAlternatives(scores: readonly number[], share: number): number {
  if (scores.length === 0) return 0;
  const best = Math.max(...scores);
  return best + share * (scores.reduce((a, b) => a + b, 0) - best);
}

/** BM25's inverse document frequency of a term found in `df` of `n` chunks. */
export function inverseDocumentFrequency(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** What {@link scoreConcepts} scores. */
export interface ScoreConceptsInput {
  concepts: readonly QueryConcept[];
  /** Where each term of the concepts' alternatives occurs. */
  postings: ReadonlyMap<string, TermPostings>;
  /** Chunks in the index. */
  chunkCount: number;
  labels: LabelWeights;
  relevance: KnowledgeRelevanceOptions;
  /** Whether a chunk contains these terms next to each other. */
  containsPhrase: (chunkId: string, terms: readonly string[]) => boolean;
}

/**
 * Scores chunks for a question's concepts: each concept adds the score of its best alternative in the
 * chunk (a synonym's score times its weight, a phrase found in part or scattered scaled down), so a
 * concept with many synonyms counts once. A term's score is its BM25 score in the text plus its IDF
 * times the label weight when a heading or the title contains it (IDF over all chunks, so that a word
 * common in texts but rare in headings, like the store's name, does not dominate). Coverage weighs
 * every concept by the IDF of the user's own words (or of the best known synonym when the user's word
 * is in no chunk).
 */
export function scoreConcepts(input: ScoreConceptsInput): ConceptScore[] {
  const { concepts, postings, chunkCount, labels, relevance, containsPhrase } = input;
  const idfOf = (term: string) => inverseDocumentFrequency(postings.get(term)?.exact.size ?? 0, chunkCount);
  const importance = conceptImportance(input);
  const totalImportance = importance.reduce((sum, w) => sum + w, 0);

  const candidates = new Set<string>();
  for (const entry of postings.values()) {
    for (const id of entry.text.keys()) candidates.add(id);
    for (const id of entry.headings) candidates.add(id);
    for (const id of entry.title) candidates.add(id);
  }
  const termScore = (term: string, chunkId: string) => {
    const entry = postings.get(term);
    if (entry === undefined) return 0;
    const label =
      (entry.headings.has(chunkId) ? labels.headings : 0) + (entry.title.has(chunkId) ? labels.title : 0);
    return (entry.text.get(chunkId) ?? 0) + label * idfOf(term);
  };
  const results: ConceptScore[] = [];
  for (const chunkId of candidates) {
    let score = 0;
    let covered = 0;
    let strongest = 0;
    const matched: string[] = [];
    concepts.forEach((concept, c) => {
      const scores: number[] = [];
      let credit = 0;
      for (const alternative of concept.alternatives) {
        const found = alternative.terms.map((t) => termScore(t, chunkId));
        let share = found.filter((s) => s > 0).length / alternative.terms.length;
        if (share === 0) continue;
        // A phrase's words scattered over the passage ("store credit ... gift card") are half a match.
        if (share === 1 && alternative.terms.length > 1 && !containsPhrase(chunkId, alternative.terms))
          share = 0.5;
        scores.push(alternative.weight * found.reduce((a, b) => a + b, 0) * share * share);
        // A typo or prefix variant ("point" for "print") is weaker evidence than the word itself.
        const exact = alternative.terms.every((t) => postings.get(t)?.exact.has(chunkId));
        if (share === 1)
          credit = Math.max(credit, alternative.weight * (exact ? 1 : relevance.variantCredit));
      }
      score += combineAlternatives(scores, relevance.otherAlternativesShare);
      if (credit > 0) {
        const weight = importance[c]! * credit ** relevance.synonymCreditExponent;
        covered += weight;
        strongest = Math.max(strongest, weight);
        matched.push(concept.surface);
      }
    });
    if (score > 0) {
      const coverage = totalImportance > 0 ? covered / totalImportance : 1;
      results.push({ chunkId, score, coverage, matched, evidence: covered, strongest });
    }
  }
  return results;
}

/**
 * How much each of a question's concepts weighs in coverage and evidence: the IDF of the user's own words (of the best
 * known synonym when the user's word is in no chunk; a word in no chunk at all `unknownWordWeight` × the highest IDF);
 * numbers `numberWeight`, a phrase of function words ("how much") `functionPhraseWeight` of its group's.
 */
export function conceptImportance(
  input: Pick<ScoreConceptsInput, 'concepts' | 'postings' | 'chunkCount' | 'relevance'>,
): number[] {
  const { concepts, postings, chunkCount, relevance } = input;
  const idfOf = (term: string) => inverseDocumentFrequency(postings.get(term)?.exact.size ?? 0, chunkCount);
  const known = (terms: readonly string[]) => terms.every((t) => (postings.get(t)?.exact.size ?? 0) > 0);
  const maxIdf = (terms: readonly string[]) => Math.max(...terms.map(idfOf));
  return concepts.map((concept) => {
    const knownAlternatives = concept.alternatives.filter((a) => known(a.terms));
    const bestKnown = () => Math.max(...knownAlternatives.map((a) => maxIdf(a.terms)));
    // A phrase of function words ("how much") means its group, but weighs less than a content word.
    if (concept.own.length === 0)
      return knownAlternatives.length > 0 ? relevance.functionPhraseWeight * bestKnown() : 0;
    const numeric = concept.own.every((t) => number.test(t)) ? relevance.numberWeight : 1;
    if (known(concept.own)) return numeric * maxIdf(concept.own);
    if (knownAlternatives.length > 0) return numeric * bestKnown();
    return numeric * relevance.unknownWordWeight * inverseDocumentFrequency(0, chunkCount);
  });
}
