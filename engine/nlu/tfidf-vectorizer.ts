import type { SparseVector } from './sparse-vector.ts';
import { defaultTokenizeOptions, type TokenizeOptions, tokenizeUtterance } from './tokenize-utterance.ts';
import {
  defaultNgramOptions,
  forEachMultiWordNgram,
  type NgramOptions,
  tokenNgramKeys,
  isWordUnigram,
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
   * How familiar the words are, in [0, 1]: Σ idf² of the distinct words seen in the examples divided
   * by that plus the largest possible idf² for each distinct off-topic word (seen in background
   * utterances only) and, times `unseenWordWeight`, for each word never seen. 1 when every word is an
   * example word, 0 when none is (or only unseen words at weight 0, or no words).
   */
  familiarity: number;
  /**
   * Share of the same Σ idf² that falls on off-topic words, in [0, 1]: how much the utterance reads
   * like the background rather than merely unlike the examples. 0 without off-topic words.
   */
  offTopicShare: number;
  /** The utterance's tokens (`tokenizeUtterance`). */
  tokens: string[];
}

/** How a vectorizer weighs words that are not example words when it works out `familiarity`. */
export interface FamiliarityScope {
  /** Vocabulary indices of the single words seen only in background (off-topic) utterances, ascending. */
  offTopicWords: Int32Array;
  /** Weight of a never-seen word against an off-topic word (1): 1 counts it as off-topic, 0 ignores it. */
  unseenWordWeight: number;
}

/** Every seen word an example word, and unseen words as unfamiliar as off-topic ones. */
export const plainFamiliarityScope: FamiliarityScope = { offTopicWords: new Int32Array(0), unseenWordWeight: 1 };

/** Turns utterances into l2-normalised TF-IDF vectors (sublinear tf: 1 + ln count). */
export interface TfidfVectorizer {
  readonly options: TfidfOptions;
  /** Number of utterances it was fitted on. */
  readonly documentCount: number;
  /** Feature keys (see `tokenNgramKeys`), indexed like the vectors. */
  readonly vocabulary: readonly string[];
  /** Smoothed inverse document frequency of each feature: ln((1 + n) / (1 + df)) + 1. */
  readonly idf: Float32Array;
  analyze(text: string): TextFeatures;
  /** Idf of `token` as a word, or undefined when it was never seen in training. */
  wordIdf(token: string): number | undefined;
  /** The idf an unseen word would have: the largest possible. */
  readonly unseenIdf: number;
  readonly familiarityScope: FamiliarityScope;
}

/**
 * Fits a vectorizer on `texts` and returns it with the vectors and the tokens of those texts. Texts
 * from index `backgroundFrom` on are off-topic background utterances: a word seen only in those is an
 * off-topic word for `familiarity`, and a word never seen counts `unseenWordWeight` (see {@link FamiliarityScope}).
 *
 * Every distinct n-gram gets an integer id the first time it is seen, and the n-grams of a token
 * are worked out once per distinct token, so the cost of fitting grows with the number of distinct
 * words rather than with the number of character n-grams in the corpus.
 */
export function fitTfidfVectorizer(
  texts: readonly string[],
  options: TfidfOptions,
  { backgroundFrom = texts.length, unseenWordWeight = 1 }: { backgroundFrom?: number; unseenWordWeight?: number } = {},
): { vectorizer: TfidfVectorizer; vectors: SparseVector[]; tokens: string[][] } {
  const idOf = new Map<string, number>();
  const keys: string[] = [];
  const documentFrequency: number[] = [];
  const lastDocument: number[] = [];
  /** First document an n-gram occurs in: one at or after `backgroundFrom` means background only. */
  const firstDocument: number[] = [];
  const intern = (key: string): number => {
    let id = idOf.get(key);
    if (id === undefined) {
      id = keys.length;
      idOf.set(key, id);
      keys.push(key);
      documentFrequency.push(0);
      lastDocument.push(-1);
      firstDocument.push(-1);
    }
    return id;
  };
  const tokenIds = new Map<string, Int32Array>();
  const tokensOf = texts.map((text) => tokenizeUtterance(text, options));
  const documents = tokensOf.map((tokens, d) => {
    const ids: number[] = [];
    for (const token of tokens) {
      let own = tokenIds.get(token);
      if (own === undefined) {
        own = Int32Array.from(tokenNgramKeys(token, options), intern);
        tokenIds.set(token, own);
      }
      for (const id of own) ids.push(id);
    }
    forEachMultiWordNgram(tokens, options, (key) => ids.push(intern(key)));
    for (const id of ids) {
      if (lastDocument[id] !== d) {
        if (lastDocument[id] === -1) firstDocument[id] = d;
        lastDocument[id] = d;
        documentFrequency[id]!++;
      }
    }
    return ids;
  });
  const kept = keys.map((_, id) => id).filter((id) => documentFrequency[id]! >= options.minDocumentFrequency);
  // Most frequent first (a stable sort: ties keep first-seen order), which also puts the rows of
  // frequent features next to each other in the weight matrix.
  kept.sort((a, b) => documentFrequency[b]! - documentFrequency[a]!);
  kept.length = Math.min(kept.length, options.maxFeatures);
  const featureOf = new Int32Array(keys.length).fill(-1);
  const idf = new Float32Array(kept.length);
  kept.forEach((id, feature) => {
    featureOf[id] = feature;
    idf[feature] = Math.log((1 + texts.length) / (1 + documentFrequency[id]!)) + 1;
  });
  const vocabulary = kept.map((id) => keys[id]!);
  const offTopic: number[] = [];
  kept.forEach((id, feature) => {
    if (firstDocument[id]! >= backgroundFrom && isWordUnigram(keys[id]!)) offTopic.push(feature);
  });
  const offTopicWords = Int32Array.from(offTopic);
  const vectorizer = createTfidfVectorizer(options, texts.length, vocabulary, idf, { offTopicWords, unseenWordWeight });
  const vectors = documents.map((ids) => {
    const features: number[] = [];
    for (const id of ids) if (featureOf[id]! >= 0) features.push(featureOf[id]!);
    return vectorizer.vectorizeFeatures(features);
  });
  return { vectorizer, vectors, tokens: tokensOf };
}

/** A vectorizer that can also vectorize a list of feature indices (one entry per occurrence). */
export interface FittedTfidfVectorizer extends TfidfVectorizer {
  vectorizeFeatures(features: readonly number[]): SparseVector;
}

/** Rebuilds a vectorizer from its parts (as stored by a serialised classifier). */
export function createTfidfVectorizer(
  options: TfidfOptions,
  documentCount: number,
  vocabulary: readonly string[],
  idf: Float32Array,
  familiarityScope: FamiliarityScope = plainFamiliarityScope,
): FittedTfidfVectorizer {
  const indexOf = new Map<string, number>();
  const isWordFeature = new Uint8Array(vocabulary.length);
  for (const [i, key] of vocabulary.entries()) {
    indexOf.set(key, i);
    isWordFeature[i] = key.startsWith(wordNgramPrefix) ? 1 : 0;
  }
  const wordWeight = Math.sqrt(options.wordBlockWeight);
  const charWeight = Math.sqrt(1 - options.wordBlockWeight);
  const unseenIdf = Math.log(1 + documentCount) + 1;
  const isOffTopicWord = new Uint8Array(vocabulary.length);
  for (const index of familiarityScope.offTopicWords) isOffTopicWord[index] = 1;
  const unseenWeight = familiarityScope.unseenWordWeight * unseenIdf * unseenIdf;
  // Token → its known features (word feature first, or -1). Bounded: a long-running server sees an
  // endless stream of new words.
  const tokenFeatures = new Map<string, Int32Array>();
  const maxCachedTokens = 20_000;
  // Scratch counts indexed by feature, so vectorising allocates little; every call leaves it zeroed.
  const counts = new Float64Array(vocabulary.length);

  const vectorizeFeatures = (features: readonly number[]): SparseVector => {
    const found: number[] = [];
    for (const feature of features) {
      if (counts[feature] === 0) found.push(feature);
      counts[feature]!++;
    }
    const indices = Int32Array.from(found).sort();
    const values = new Float32Array(indices.length);
    let wordNorm = 0;
    let charNorm = 0;
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i]!;
      const value = (1 + Math.log(counts[index]!)) * idf[index]!;
      counts[index] = 0;
      values[i] = value;
      if (isWordFeature[index] === 1) wordNorm += value * value;
      else charNorm += value * value;
    }
    const wordScale = wordNorm > 0 ? wordWeight / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? charWeight / Math.sqrt(charNorm) : 0;
    // When one block is empty the other is stretched back to unit length.
    const length =
      Math.sqrt((wordNorm > 0 ? wordWeight ** 2 : 0) + (charNorm > 0 ? charWeight ** 2 : 0)) || 1;
    for (let i = 0; i < indices.length; i++) {
      values[i]! *= (isWordFeature[indices[i]!] === 1 ? wordScale : charScale) / length;
    }
    return { indices, values };
  };

  const featuresOfToken = (token: string): Int32Array => {
    let own = tokenFeatures.get(token);
    if (own === undefined) {
      const [wordKey, ...charKeys] = tokenNgramKeys(token, options);
      const known = [indexOf.get(wordKey!) ?? -1];
      for (const key of charKeys) {
        const index = indexOf.get(key);
        if (index !== undefined) known.push(index);
      }
      own = Int32Array.from(known);
      if (tokenFeatures.size >= maxCachedTokens) tokenFeatures.clear();
      tokenFeatures.set(token, own);
    }
    return own;
  };

  return {
    options,
    documentCount,
    vocabulary,
    idf,
    vectorizeFeatures,
    analyze(text) {
      const tokens = tokenizeUtterance(text, options);
      const features: number[] = [];
      let known = 0;
      let offTopic = 0;
      let total = 0;
      const seen = new Set<string>();
      for (const token of tokens) {
        const own = featuresOfToken(token);
        for (let i = own[0] === -1 ? 1 : 0; i < own.length; i++) features.push(own[i]!);
        if (seen.has(token)) continue;
        seen.add(token);
        const word = own[0]!;
        if (word === -1) total += unseenWeight;
        else if (isOffTopicWord[word] === 1) {
          offTopic += unseenIdf * unseenIdf;
          total += unseenIdf * unseenIdf;
        } else {
          known += idf[word]! * idf[word]!;
          total += idf[word]! * idf[word]!;
        }
      }
      forEachMultiWordNgram(tokens, options, (key) => {
        const index = indexOf.get(key);
        if (index !== undefined) features.push(index);
      });
      return {
        vector: vectorizeFeatures(features),
        familiarity: total > 0 ? known / total : 0,
        offTopicShare: total > 0 ? offTopic / total : 0,
        tokens,
      };
    },
    wordIdf(token) {
      const own = featuresOfToken(token);
      return own[0] === -1 ? undefined : idf[own[0]!]!;
    },
    unseenIdf,
    familiarityScope,
  };
}
