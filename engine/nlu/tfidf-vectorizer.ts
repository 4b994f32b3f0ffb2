import type { SparseVector } from './sparse-vector.ts';
import { defaultTokenizeOptions, type TokenizeOptions, tokenizeUtterance } from './tokenize-utterance.ts';
import { charNgramPrefix, defaultNgramOptions, type NgramOptions, utteranceNgrams } from './utterance-ngrams.ts';

/** How a {@link TfidfVectorizer} is fitted. */
export interface TfidfOptions extends TokenizeOptions, NgramOptions {
  /** An n-gram must occur in at least this many training utterances to become a feature. Default 1. */
  minDocumentFrequency: number;
  /** Keep at most this many features, the most frequent (by document count) first. Default 300,000. */
  maxFeatures: number;
  /**
   * Share of a vector's squared length given to word n-grams; character n-grams get the rest. Each
   * block is l2-normalised on its own first, so the many character n-grams cannot drown out the few
   * words. Default 0.5.
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

/** Turns utterances into l2-normalised TF-IDF vectors (sublinear tf: 1 + ln count). */
export interface TfidfVectorizer {
  readonly options: TfidfOptions;
  /** Feature keys (see `utteranceNgrams`), indexed like the vectors. */
  readonly vocabulary: readonly string[];
  /** Smoothed inverse document frequency of each feature: ln((1 + n) / (1 + df)) + 1. */
  readonly idf: Float32Array;
  /** The vector of `text`; n-grams unseen in training are ignored, so it may be empty. */
  vectorize(text: string): SparseVector;
}

/** Counts n-grams of `text` the way every {@link TfidfVectorizer} with `options` does. */
function countNgrams(text: string, options: TfidfOptions): Map<string, number> {
  return utteranceNgrams(tokenizeUtterance(text, options), options);
}

/** Fits a vectorizer on `texts` and returns it with the vectors of those texts. */
export function fitTfidfVectorizer(
  texts: readonly string[],
  options: TfidfOptions,
): { vectorizer: TfidfVectorizer; vectors: SparseVector[] } {
  const counted = texts.map((text) => countNgrams(text, options));
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
  const vectorizer = createTfidfVectorizer(
    options,
    kept.map(([key]) => key),
    idf,
  );
  return { vectorizer, vectors: counted.map((counts) => vectorizer.vectorizeCounts(counts)) };
}

/** Rebuilds a vectorizer from its parts (as stored by a serialised classifier). */
export function createTfidfVectorizer(
  options: TfidfOptions,
  vocabulary: readonly string[],
  idf: Float32Array,
): TfidfVectorizer & { vectorizeCounts(counts: Map<string, number>): SparseVector } {
  const indexOf = new Map<string, number>();
  vocabulary.forEach((key, i) => indexOf.set(key, i));
  const wordWeight = Math.sqrt(options.wordBlockWeight);
  const charWeight = Math.sqrt(1 - options.wordBlockWeight);

  const vectorizeCounts = (counts: Map<string, number>): SparseVector => {
    const found: Array<[index: number, value: number, isChar: boolean]> = [];
    let wordNorm = 0;
    let charNorm = 0;
    for (const [key, count] of counts) {
      const index = indexOf.get(key);
      if (index === undefined) continue;
      const value = (1 + Math.log(count)) * idf[index]!;
      const isChar = key.startsWith(charNgramPrefix);
      if (isChar) charNorm += value * value;
      else wordNorm += value * value;
      found.push([index, value, isChar]);
    }
    found.sort((a, b) => a[0] - b[0]);
    const wordScale = wordNorm > 0 ? wordWeight / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? charWeight / Math.sqrt(charNorm) : 0;
    // When one block is empty the other is stretched back to unit length.
    const total = Math.sqrt((wordNorm > 0 ? wordWeight ** 2 : 0) + (charNorm > 0 ? charWeight ** 2 : 0)) || 1;
    const indices = new Int32Array(found.length);
    const values = new Float32Array(found.length);
    found.forEach(([index, value, isChar], i) => {
      indices[i] = index;
      values[i] = (value * (isChar ? charScale : wordScale)) / total;
    });
    return { indices, values };
  };

  return {
    options,
    vocabulary,
    idf,
    vectorizeCounts,
    vectorize: (text) => vectorizeCounts(countNgrams(text, options)),
  };
}
