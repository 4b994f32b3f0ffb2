import type { SparseVector } from './sparse-vector.ts';
import { defaultTokenizeOptions, type TokenizeOptions, tokenizeUtterance } from './tokenize-utterance.ts';
import {
  defaultNgramOptions,
  type NgramOptions,
  utteranceNgrams,
  wordNgramPrefix,
} from './utterance-ngrams.ts';

/** How a {@link TfidfVectorizer} is fitted. */
export interface TfidfOptions extends TokenizeOptions, NgramOptions {
  /** An n-gram must occur in at least this many training utterances to become a feature. Default 1. */
  minDocumentFrequency: number;
  /** Keep at most this many features, the most frequent (by document count) first. Default 300,000. */
  maxFeatures: number;
  /**
   * Share of a vector's squared length given to word n-grams, in (0, 1); character n-grams get the
   * rest. Each block is l2-normalised on its own first, so the many character n-grams cannot drown
   * out the few words. Default 0.5.
   */
  wordBlockWeight: number;
}

/** Defaults of {@link TfidfOptions}. */
export const defaultTfidfOptions: TfidfOptions = {
  ...defaultTokenizeOptions,
  ...defaultNgramOptions,
  minDocumentFrequency: 1,
  maxFeatures: 300_000,
  wordBlockWeight: 0.5,
};

/** What a {@link TfidfVectorizer} reads in one utterance. */
export interface TextFeatures {
  /** Unit-length TF-IDF vector; empty when no n-gram was seen in training. */
  vector: SparseVector;
  /**
   * How familiar the words are, in [0, 1]: Σ idf² of the distinct words seen in training divided by
   * Σ idf² of all distinct words, an unseen word counting with the largest possible idf. 1 when every
   * word was seen in training, 0 when none was or there are no words.
   */
  familiarity: number;
}

/** Turns utterances into l2-normalised TF-IDF vectors (sublinear tf: 1 + ln count). */
export interface TfidfVectorizer {
  readonly options: TfidfOptions;
  /** Number of utterances it was fitted on. */
  readonly documentCount: number;
  /** Feature keys (see `utteranceNgrams`), indexed like the vectors. */
  readonly vocabulary: readonly string[];
  /** Smoothed inverse document frequency of each feature: ln((1 + n) / (1 + df)) + 1. */
  readonly idf: Float32Array;
  analyze(text: string): TextFeatures;
}

/** A vectorizer that can also vectorize n-gram counts it is handed (used while fitting). */
interface FittingVectorizer extends TfidfVectorizer {
  vectorizeCounts(counts: Map<string, number>): SparseVector;
}

/** Fits a vectorizer on `texts` and returns it with the vectors of those texts. */
export function fitTfidfVectorizer(
  texts: readonly string[],
  options: TfidfOptions,
): { vectorizer: TfidfVectorizer; vectors: SparseVector[] } {
  const cache = new Map<string, readonly string[]>();
  const counted = texts.map((text) => utteranceNgrams(tokenizeUtterance(text, options), options, cache));
  const documentFrequency = new Map<string, number>();
  for (const counts of counted) {
    for (const key of counts.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  }
  const kept = [...documentFrequency].filter(([, df]) => df >= options.minDocumentFrequency);
  // Most frequent first (a stable sort: ties keep first-seen order), which also puts the rows of
  // frequent features next to each other in the weight matrix.
  kept.sort((a, b) => b[1] - a[1]);
  kept.length = Math.min(kept.length, options.maxFeatures);
  const idf = new Float32Array(kept.length);
  kept.forEach(([, df], i) => {
    idf[i] = Math.log((1 + texts.length) / (1 + df)) + 1;
  });
  const vocabulary = kept.map(([key]) => key);
  const vectorizer = createTfidfVectorizer(options, texts.length, vocabulary, idf);
  return { vectorizer, vectors: counted.map((counts) => vectorizer.vectorizeCounts(counts)) };
}

/** Rebuilds a vectorizer from its parts (as stored by a serialised classifier). */
export function createTfidfVectorizer(
  options: TfidfOptions,
  documentCount: number,
  vocabulary: readonly string[],
  idf: Float32Array,
): FittingVectorizer {
  const indexOf = new Map<string, number>();
  const isWordFeature = new Uint8Array(vocabulary.length);
  for (const [i, key] of vocabulary.entries()) {
    indexOf.set(key, i);
    isWordFeature[i] = key.startsWith(wordNgramPrefix) ? 1 : 0;
  }
  const wordWeight = Math.sqrt(options.wordBlockWeight);
  const charWeight = Math.sqrt(1 - options.wordBlockWeight);
  const unseenIdf = Math.log(1 + documentCount) + 1;
  // Bounded: a long-running server sees an endless stream of new words.
  const charNgramCache = new Map<string, readonly string[]>();
  const maxCachedWords = 20_000;
  // Scratch space indexed by feature, so vectorising allocates little; every call leaves it zeroed.
  const scratch = new Float64Array(vocabulary.length);

  const vectorizeCounts = (counts: Map<string, number>): SparseVector => {
    const found: number[] = [];
    let wordNorm = 0;
    let charNorm = 0;
    for (const [key, count] of counts) {
      const index = indexOf.get(key);
      if (index === undefined) continue;
      const value = (1 + Math.log(count)) * idf[index]!;
      if (isWordFeature[index] === 1) wordNorm += value * value;
      else charNorm += value * value;
      scratch[index] = value;
      found.push(index);
    }
    const indices = Int32Array.from(found).sort();
    const wordScale = wordNorm > 0 ? wordWeight / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? charWeight / Math.sqrt(charNorm) : 0;
    // When one block is empty the other is stretched back to unit length.
    const length =
      Math.sqrt((wordNorm > 0 ? wordWeight ** 2 : 0) + (charNorm > 0 ? charWeight ** 2 : 0)) || 1;
    const values = new Float32Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i]!;
      values[i] = (scratch[index]! * (isWordFeature[index] === 1 ? wordScale : charScale)) / length;
      scratch[index] = 0;
    }
    return { indices, values };
  };

  const familiarity = (tokens: readonly string[]): number => {
    let known = 0;
    let total = 0;
    for (const token of new Set(tokens)) {
      const index = indexOf.get(wordNgramPrefix + token);
      const weight = index === undefined ? unseenIdf : idf[index]!;
      total += weight * weight;
      if (index !== undefined) known += weight * weight;
    }
    return total > 0 ? known / total : 0;
  };

  return {
    options,
    documentCount,
    vocabulary,
    idf,
    vectorizeCounts,
    analyze(text) {
      const tokens = tokenizeUtterance(text, options);
      if (charNgramCache.size > maxCachedWords) charNgramCache.clear();
      const counts = utteranceNgrams(tokens, options, charNgramCache);
      return { vector: vectorizeCounts(counts), familiarity: familiarity(tokens) };
    },
  };
}
