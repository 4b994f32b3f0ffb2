import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { KnowledgeHit } from './knowledge-base.ts';
import type { KnowledgeChunk } from './knowledge-chunk.ts';
import { createKnowledgeAnalyzer, type KnowledgeAnalyzer, type KnowledgeAnalyzerOptions } from './knowledge-analyzer.ts';
import {
  defaultKnowledgeRelevanceOptions,
  isRelevant,
  type KnowledgeRelevanceOptions,
} from './knowledge-relevance.ts';
import {
  conceptImportance,
  inverseDocumentFrequency,
  type LabelWeights,
  scoreConcepts,
  type TermPostings,
} from './score-concepts.ts';
import { findTermPostings, type IndexedFields } from './term-postings.ts';
import { withDefaults } from './with-defaults.ts';

/** Settings of a {@link KnowledgeIndex}. */
export interface KnowledgeIndexOptions {
  /** Stemming, stop words and synonyms; defaults `defaultKnowledgeAnalyzerOptions`. */
  analyzer: Partial<KnowledgeAnalyzerOptions>;
  /**
   * What a question word adds when the section's headings or the document's title contain it, in
   * units of the word's IDF (on top of its BM25 score in the text). Default 1.5 and 0.5.
   */
  labelWeights: LabelWeights;
  /** Shortest question word (stem) matched with one typo; two typos from twice that. 0 = off. Default 5. */
  fuzzyMinLength: number;
  /** Shortest question word (stem) that also matches longer words it starts. 0 = off. Default 5. */
  prefixMinLength: number;
  /** When a hit is relevant; defaults `defaultKnowledgeRelevanceOptions`. */
  relevance: Partial<KnowledgeRelevanceOptions>;
}

/** Defaults of {@link KnowledgeIndexOptions}. */
export const defaultKnowledgeIndexOptions: KnowledgeIndexOptions = {
  analyzer: {},
  labelWeights: { headings: 1.5, title: 0.5 },
  fuzzyMinLength: 5,
  prefixMinLength: 5,
  relevance: {},
};

/** What {@link KnowledgeIndex.toJSON} writes and {@link createKnowledgeIndex} restores. */
export interface SerializedKnowledgeIndex {
  chunks: KnowledgeChunk[];
  search: AsPlainObject;
}

/** The chunks of a set of documents and their BM25 index (minisearch), updatable one document at a time. */
export interface KnowledgeIndex {
  readonly chunkCount: number;
  /** The analyzer documents and questions are read with. */
  readonly analyzer: KnowledgeAnalyzer;
  /** The relevance settings in force. */
  readonly relevance: KnowledgeRelevanceOptions;
  /** Documents in the index. */
  files(): string[];
  /** Every chunk, grouped by document in the order the documents were added. */
  chunks(): KnowledgeChunk[];
  /** The chunk with this id, if indexed. */
  chunk(id: string): KnowledgeChunk | undefined;
  /** Adds the chunks of one document (first removing the document's old chunks, if any). */
  setDocument(file: string, chunks: readonly KnowledgeChunk[]): void;
  /** Drops a document's chunks; returns how many there were. */
  removeDocument(file: string): number;
  /** The best `k` chunks for a question, best first, with relevance decided. */
  search(query: string, k: number): KnowledgeHit[];
  toJSON(): SerializedKnowledgeIndex;
}

// Past this, a "question" is a pasted document; its start is enough to search with.
const maxQueryChars = 2000;

function fields(chunk: KnowledgeChunk): IndexedFields {
  const headings = chunk.headingPath[0] === chunk.title ? chunk.headingPath.slice(1) : chunk.headingPath;
  return { id: chunk.id, title: chunk.title, headings: headings.join('\n'), text: chunk.text };
}

/**
 * A knowledge index, empty or restored from `serialized` (which must come from an index made with the
 * same analyzer settings; the folder knowledge base checks that before restoring).
 */
export function createKnowledgeIndex(
  options: Partial<KnowledgeIndexOptions> = {},
  serialized?: SerializedKnowledgeIndex,
): KnowledgeIndex {
  const settings = withDefaults(defaultKnowledgeIndexOptions, options);
  const relevance = withDefaults(defaultKnowledgeRelevanceOptions, settings.relevance);
  const analyzer = createKnowledgeAnalyzer(settings.analyzer);
  const miniSearchOptions = {
    fields: ['title', 'headings', 'text'],
    tokenize: (text: string) => analyzer.terms(text),
    processTerm: (term: string) => term,
  };
  const search = serialized
    ? MiniSearch.loadJS<IndexedFields>(serialized.search, miniSearchOptions)
    : new MiniSearch<IndexedFields>(miniSearchOptions);
  const chunks = new Map<string, KnowledgeChunk>();
  const byFile = new Map<string, string[]>();
  const remember = (chunk: KnowledgeChunk) => {
    chunks.set(chunk.id, chunk);
    byFile.set(chunk.file, [...(byFile.get(chunk.file) ?? []), chunk.id]);
  };
  for (const chunk of serialized?.chunks ?? []) remember(chunk);

  // A term's postings depend only on the indexed documents, and the fuzzy lookup behind them is the costly part
  // of a search: they are kept until the documents change (bounded, as questions bring new words).
  const rememberedPostings = new Map<string, TermPostings>();
  const maxRememberedTerms = 20_000;
  const postingsOf = (term: string): TermPostings => {
    const known = rememberedPostings.get(term);
    if (known) return known;
    const found = findTermPostings({ search, term, fuzzyMinLength: settings.fuzzyMinLength, prefixMinLength: settings.prefixMinLength });
    if (rememberedPostings.size >= maxRememberedTerms) rememberedPostings.clear();
    rememberedPostings.set(term, found);
    return found;
  };

  // Index terms of each chunk in order, for phrase checks; computed when first needed.
  const sequences = new Map<string, string[]>();
  const containsPhrase = (chunkId: string, terms: readonly string[]) => {
    let sequence = sequences.get(chunkId);
    if (sequence === undefined) {
      const chunk = chunks.get(chunkId);
      const { title, headings, text } = chunk ? fields(chunk) : { title: '', headings: '', text: '' };
      // A marker between fields keeps a phrase from spanning the title and the text.
      sequence = [title, headings, text].flatMap((field) => [...analyzer.terms(field), '\u0000']);
      sequences.set(chunkId, sequence);
    }
    for (let i = sequence.indexOf(terms[0]!); i >= 0; i = sequence.indexOf(terms[0]!, i + 1)) {
      if (terms.every((term, j) => sequence[i + j] === term)) return true;
    }
    return false;
  };

  const removeDocument = (file: string) => {
    const ids = byFile.get(file) ?? [];
    search.discardAll(ids);
    rememberedPostings.clear();
    for (const id of ids) {
      chunks.delete(id);
      sequences.delete(id);
    }
    byFile.delete(file);
    return ids.length;
  };

  return {
    get chunkCount() {
      return chunks.size;
    },
    analyzer,
    relevance,
    files: () => [...byFile.keys()].sort(),
    chunks: () => [...chunks.values()],
    chunk: (id) => chunks.get(id),
    setDocument(file, documentChunks) {
      removeDocument(file);
      for (const chunk of documentChunks) remember(chunk);
      search.addAll(documentChunks.map(fields));
      rememberedPostings.clear();
    },
    removeDocument,
    search(query, k) {
      const concepts = analyzer.concepts(query.slice(0, maxQueryChars));
      const postings = new Map<string, TermPostings>();
      for (const concept of concepts)
        for (const alternative of concept.alternatives)
          for (const term of alternative.terms) if (!postings.has(term)) postings.set(term, postingsOf(term));
      // Evidence unit: the IDF of a word found in a single chunk.
      const rareIdf = inverseDocumentFrequency(1, search.documentCount);
      const w = relevance.coverageInRanking;
      const scores = scoreConcepts({
        concepts,
        postings,
        chunkCount: search.documentCount,
        labels: settings.labelWeights,
        relevance,
        containsPhrase,
      });
      const importance = conceptImportance({ concepts, postings, chunkCount: search.documentCount, relevance });
      const conceptWeights = Object.fromEntries(concepts.map((concept, i) => [concept.surface, importance[i]!]));
      const ranked = scores.map((s) => ({ ...s, rank: s.score * (1 - w + w * s.coverage) }));
      ranked.sort((a, b) => b.rank - a.rank || a.chunkId.localeCompare(b.chunkId));
      const top = ranked[0]?.rank ?? 0;
      return ranked.slice(0, k).map(({ chunkId, rank, coverage, matched, evidence, strongest }) => {
        const { id, ...chunk } = chunks.get(chunkId)!;
        const hit = { coverage, evidence: evidence / rareIdf, besidesStrongest: (evidence - strongest) / rareIdf, score: rank, bestScore: top };
        const relevant = isRelevant(hit, relevance);
        return {
          chunkId: id,
          ...chunk,
          headingPath: [...chunk.headingPath],
          score: rank,
          coverage,
          evidence: hit.evidence,
          matched,
          relevant,
          conceptWeights,
        };
      });
    },
    toJSON: () => ({ chunks: [...chunks.values()], search: search.toJSON() }),
  };
}
