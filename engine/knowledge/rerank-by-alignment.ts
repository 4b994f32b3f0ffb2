import type { KnowledgeAnalyzer } from './knowledge-analyzer.ts';
import type { KnowledgeHit } from './knowledge-base.ts';
import type { KnowledgeChunk } from './knowledge-chunk.ts';
import { defaultKnowledgeRelevanceOptions } from './knowledge-relevance.ts';
import { type AlignedText, conceptWeights, type TermDocuments, type WordAligner } from './word-alignment.ts';

/** How {@link rerankByAlignment} weighs the alignment. */
export interface AlignmentRerankOptions {
  /** Weight of the alignment (in [0, 1]) added to the fused score relative to the best one. 0 = no re-ranking. Default 0.5. */
  weight: number;
  /** A question word found in the section's headings counts this many times its credit in the text. Default 2. */
  headingWeight: number;
  /** Weight of a question word found in no document, relative to the rarest word. Default 0.6 (as for relevance). */
  unknownWordWeight: number;
  /**
   * Weight of the section heading's precision (in [0, 1]: how much of the heading's own words the question means,
   * see {@link headingPrecision}), added like the alignment. 0 = off, the default: 0.5 answers more questions on both
   * measured bots but reverses one of the alignment's wins ("the e-gift card email never reached my friend" →
   * "Gift cards" instead of "Lost gift cards"); docs/knowledge.md, "Checked on a second bot".
   */
  headingPrecision: number;
}

/** Defaults of {@link AlignmentRerankOptions}, chosen on the Acme tuning sets (docs/knowledge.md). */
export const defaultAlignmentRerankOptions: AlignmentRerankOptions = {
  weight: 0.5,
  headingWeight: 2,
  unknownWordWeight: defaultKnowledgeRelevanceOptions.unknownWordWeight,
  headingPrecision: 0,
};

/** What {@link rerankByAlignment} re-orders. */
export interface RerankByAlignmentInput {
  question: string;
  /** Hits of one search, best first, with `fused` (or `score`) set. */
  hits: readonly KnowledgeHit[];
  /** Which sections of the index hold each term (`termDocuments` of every section's headings + text), for the question words' document frequencies. */
  corpus: TermDocuments;
  analyzer: KnowledgeAnalyzer;
  aligner: WordAligner;
  options: AlignmentRerankOptions;
}

/** The section's headings below the document title, as one text. */
export function sectionHeadings(chunk: Pick<KnowledgeChunk, 'headingPath' | 'title'>): string {
  return (chunk.headingPath[0] === chunk.title ? chunk.headingPath.slice(1) : chunk.headingPath).join(' ');
}

/**
 * How well a section's words mean the question's, in [0, 1]: each question concept is credited by its best match
 * in the section (its own word or synonym, else the closest word by GloVe cosine, see `createWordAligner`), in the
 * text and, weighted higher, in the headings; concepts weigh their IDF over all sections.
 */
export function alignmentScore(
  concepts: ReturnType<KnowledgeAnalyzer['concepts']>,
  weights: readonly number[],
  headings: AlignedText,
  body: AlignedText,
  aligner: WordAligner,
  headingWeight: number,
): number {
  let matched = 0;
  let total = 0;
  concepts.forEach((concept, i) => {
    // A phrase of function words ("how long") says what kind of answer is wanted, less what it is about.
    const weight = (concept.own.length === 0 ? 0.5 : 1) * weights[i]!;
    matched += weight * (aligner.credit(concept, body) + headingWeight * aligner.credit(concept, headings));
    total += weight * (1 + headingWeight);
  });
  return total > 0 ? matched / total : 0;
}

const headingConcepts = new WeakMap<KnowledgeAnalyzer, Map<string, ReturnType<KnowledgeAnalyzer['concepts']>>>();

/**
 * The other direction of the alignment, for the section's headings: how much of the heading's own words (IDF-weighted)
 * the question means, in [0, 1]. A section whose heading names what the question does not ask about ("Lost or damaged
 * cards" for "what paperwork do I need to sign up for a card") ranks below one whose heading it does.
 */
export function headingPrecision(
  heading: string,
  question: AlignedText,
  input: Pick<RerankByAlignmentInput, 'analyzer' | 'aligner' | 'corpus'> & { unknownWordWeight: number },
): number {
  const { analyzer, aligner, corpus } = input;
  const cache = headingConcepts.get(analyzer) ?? new Map<string, ReturnType<KnowledgeAnalyzer['concepts']>>();
  headingConcepts.set(analyzer, cache);
  const concepts = cache.get(heading) ?? analyzer.concepts(heading);
  cache.set(heading, concepts);
  return alignmentScore(concepts, conceptWeights(concepts, corpus, input.unknownWordWeight), aligner.align(''), question, aligner, 0);
}

/**
 * Re-ranks the first hits of a search by soft word alignment (BERTScore-like, over GloVe) fused with their search
 * score: short questions in the customer's words ("when do I get a tracking number") are matched to the section
 * whose heading and text mean them, where BM25 prefers a section that only shares a common word; and, by
 * `headingPrecision`, a section whose heading the question means rises above one whose heading is about something
 * else. Each hit gets its `alignment`; relevance is left as the search decided it.
 */
export function rerankByAlignment(input: RerankByAlignmentInput): KnowledgeHit[] {
  const { question, hits, corpus, analyzer, aligner, options } = input;
  if (hits.length === 0 || options.weight <= 0) return [...hits];
  const concepts = analyzer.concepts(question);
  const weights = conceptWeights(concepts, corpus, options.unknownWordWeight);
  const base = (hit: KnowledgeHit) => hit.fused ?? hit.score;
  const best = Math.max(...hits.map(base));
  const asked = options.headingPrecision > 0 ? aligner.align(question) : undefined;
  const precisionOf = (hit: KnowledgeHit) =>
    asked ? headingPrecision(sectionHeadings(hit), asked, { analyzer, aligner, corpus, unknownWordWeight: options.unknownWordWeight }) : 0;
  return hits
    .map((hit, rank) => {
      const alignment = alignmentScore(concepts, weights, aligner.align(sectionHeadings(hit)), aligner.align(hit.text), aligner, options.headingWeight);
      const score = (best > 0 ? base(hit) / best : 0) + options.weight * alignment + options.headingPrecision * precisionOf(hit);
      return { hit: { ...hit, alignment }, rank, score };
    })
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .map((r) => r.hit);
}
