import { builtinWordVectors } from '../nlu/load-word-vectors.ts';
import { editDistance, typoAllowance } from '../nlu/edit-distance.ts';
import type { WordVectors } from '../nlu/word-vectors.ts';
import type { KnowledgeAnalyzer, QueryConcept } from './knowledge-analyzer.ts';
import { knowledgeTokens } from './knowledge-analyzer.ts';
import { inverseDocumentFrequency } from './score-concepts.ts';

/** One content word of a text: its index term (stem) and its unit GloVe vector, if it has one. */
export interface AlignedWord {
  term: string;
  vector: Float32Array | undefined;
}

/** A text's content words, deduplicated by term, with their vectors. */
export interface AlignedText {
  words: AlignedWord[];
  terms: ReadonlySet<string>;
}

/** Options of {@link createWordAligner}. */
export interface WordAlignerOptions {
  /** The analyzer the index searched with: its terms are the exact matches, its stop words are skipped. */
  analyzer: KnowledgeAnalyzer;
  /** Word vectors whose rows are in frequency order. Default: the shipped GloVe 100-d. */
  wordVectors?: WordVectors;
  /**
   * Cosine similarity that counts as no relation: a word pair of cosine c counts (c − b) / (1 − b), 0 below b
   * (BERTScore's baseline rescaling, for vectors where unrelated words are not orthogonal). Default 0.3.
   */
  baseline?: number;
  /**
   * Credit of a text word that is the question word misspelt ("retrun", "warrenty": within `typoAllowance` edits of
   * its stem, from 5 letters), which has no vector of its own. Default 0.75.
   */
  typoCredit?: number;
}

/** Defaults of {@link WordAlignerOptions}. */
export const defaultWordAlignerOptions = { baseline: 0.3, typoCredit: 0.75 } as const;

/** How well one question concept is found in one text: 1 for the word itself, its synonym weight, or a soft GloVe match. */
export type ConceptCredit = (concept: QueryConcept, text: AlignedText) => number;

/** Soft word alignment between questions and texts (see {@link createWordAligner}). */
export interface WordAligner {
  /** The content words of a text (cached by text). */
  align(text: string): AlignedText;
  /** The best credit of one concept in the text, in [0, 1]. */
  credit: ConceptCredit;
}

const numeric = /^\d/;

/**
 * Soft word alignment (as in BERTScore and word mover's distance, with GloVe instead of contextual vectors): a
 * question's concept is found in a text by its own stem or a synonym (credit 1 or the synonym's weight), or else by
 * the text word closest to it in meaning, credited by rescaled cosine similarity. It lets "password rules" meet
 * "characters" weakly and "toaster" meet "appliances" strongly, where keywords see nothing.
 */
export function createWordAligner(options: WordAlignerOptions): WordAligner {
  const { analyzer } = options;
  const vectors = options.wordVectors ?? builtinWordVectors();
  const baseline = options.baseline ?? defaultWordAlignerOptions.baseline;
  const typoCredit = options.typoCredit ?? defaultWordAlignerOptions.typoCredit;
  const typoMatch = (term: string, text: AlignedText): boolean => {
    if (term.length < 5 || numeric.test(term)) return false;
    const allowed = typoAllowance(term.length);
    return text.words.some((word) => word.term.length >= 4 && editDistance(term, word.term, allowed) <= allowed);
  };
  const unit = new Map<string, Float32Array | undefined>();
  const vectorOf = (token: string): Float32Array | undefined => {
    if (unit.has(token)) return unit.get(token);
    const row = numeric.test(token) ? -1 : vectors.rowOf(token);
    let out: Float32Array | undefined;
    if (row >= 0) {
      const sum = new Float64Array(vectors.dimensions);
      vectors.addRow(row, 1, sum);
      const norm = Math.hypot(...sum);
      if (norm > 0) out = Float32Array.from(sum, (v) => v / norm);
    }
    unit.set(token, out);
    return out;
  };
  const texts = new Map<string, AlignedText>();
  const align = (text: string): AlignedText => {
    const known = texts.get(text);
    if (known) return known;
    const byTerm = new Map<string, AlignedWord>();
    for (const token of knowledgeTokens(text)) {
      const [term] = analyzer.terms(token);
      if (term === undefined || byTerm.has(term)) continue;
      byTerm.set(term, { term, vector: vectorOf(token) });
    }
    const aligned = { words: [...byTerm.values()], terms: new Set(byTerm.keys()) };
    if (texts.size > 5000) texts.clear();
    texts.set(text, aligned);
    return aligned;
  };
  const similarity = (a: Float32Array, b: Float32Array) => {
    let dot = 0;
    for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
    return Math.max(0, (dot - baseline) / (1 - baseline));
  };
  const credit: ConceptCredit = (concept, text) => {
    let best = 0;
    for (const alternative of concept.alternatives)
      if (alternative.terms.every((t) => text.terms.has(t))) best = Math.max(best, alternative.weight);
    if (best >= 1) return 1;
    const own = knowledgeTokens(concept.surface).flatMap((token) => analyzer.terms(token).map((term) => ({ token, term })));
    if (own.length === 0) return best;
    let soft = 0;
    for (const { token, term } of own) {
      const q = vectorOf(token);
      let wordBest = text.terms.has(term) ? 1 : 0;
      if (wordBest < 1 && !q && typoMatch(term, text)) wordBest = typoCredit;
      if (q && wordBest < 1) for (const word of text.words) if (word.vector) wordBest = Math.max(wordBest, similarity(q, word.vector));
      soft += wordBest;
    }
    return Math.max(best, soft / own.length);
  };
  return { align, credit };
}

/** Which texts hold each term (by index into the texts), counted once per corpus so that a search need not scan every text. */
export interface TermDocuments {
  /** How many texts there are. */
  count: number;
  documents: ReadonlyMap<string, ReadonlySet<number>>;
}

/** The term → texts map of a set of aligned texts (see {@link conceptWeights}). */
export function termDocuments(texts: readonly AlignedText[]): TermDocuments {
  const documents = new Map<string, Set<number>>();
  texts.forEach((text, i) => {
    for (const term of text.terms) {
      const holders = documents.get(term) ?? new Set<number>();
      holders.add(i);
      documents.set(term, holders);
    }
  });
  return { count: texts.length, documents };
}

/** Inverse document frequency of each concept over a corpus; a concept found in no text weighs `unknownWeight` × the rarest. */
export function conceptWeights(concepts: readonly QueryConcept[], corpus: TermDocuments, unknownWeight: number): number[] {
  const n = corpus.count;
  const none: ReadonlySet<number> = new Set();
  return concepts.map((concept) => {
    const holders = new Set<number>();
    for (const alternative of concept.alternatives) {
      if (alternative.weight < 1) continue;
      // The texts holding every term of the alternative: the rarest term's texts, filtered by the others.
      const sets = alternative.terms.map((t) => corpus.documents.get(t) ?? none).sort((a, b) => a.size - b.size);
      for (const i of sets[0] ?? none) if (sets.every((set) => set.has(i))) holders.add(i);
    }
    const df = holders.size;
    const numericConcept = concept.own.length > 0 && concept.own.every((t) => numeric.test(t));
    const base = df === 0 ? unknownWeight * inverseDocumentFrequency(0, n) : inverseDocumentFrequency(df, n);
    return numericConcept ? base / 2 : base;
  });
}
