import type { SparseVector } from './sparse-vector.ts';
import type { TextFeatures, TfidfVectorizer } from './tfidf-vectorizer.ts';
import { appendWordVectorBlock, type WordVectorBlock } from './word-vector-block.ts';
import type { WordVectors } from './word-vectors.ts';

/** Word vectors and the length of their block next to the TF-IDF part. */
export interface WordVectorSettings {
  vectors: WordVectors;
  weight: number;
}

/** What a linear model reads in an utterance: TF-IDF, and the mean word vector when it has word vectors. */
export interface UtteranceFeaturizer {
  /** Length of the feature vectors: the TF-IDF vocabulary plus the word-vector block, if any. */
  readonly numFeatures: number;
  /** The utterance's features and how familiar its words are (see `TextFeatures.familiarity`). */
  featurize(text: string): Pick<TextFeatures, 'vector' | 'familiarity' | 'offTopicShare'>;
  /** `tfidf` (the TF-IDF vector of `tokens`) with the word-vector block appended, if any. */
  extend(tfidf: SparseVector, tokens: readonly string[]): SparseVector;
}

/** The featurizer of a fitted `vectorizer`, with `wordVectors` when the model uses them. */
export function createUtteranceFeaturizer(
  vectorizer: TfidfVectorizer,
  wordVectors: WordVectorSettings | null,
): UtteranceFeaturizer {
  if (wordVectors === null) {
    return {
      numFeatures: vectorizer.vocabulary.length,
      featurize: (text) => vectorizer.analyze(text),
      extend: (tfidf) => tfidf,
    };
  }
  const block: WordVectorBlock = { ...wordVectors, offset: vectorizer.vocabulary.length };
  const weightOf = (token: string): number => vectorizer.wordIdf(token) ?? vectorizer.unseenIdf;
  const extend = (tfidf: SparseVector, tokens: readonly string[]): SparseVector =>
    appendWordVectorBlock(tfidf, tokens, block, weightOf);
  return {
    numFeatures: block.offset + wordVectors.vectors.dimensions,
    extend,
    featurize(text) {
      const { vector, familiarity, offTopicShare, tokens } = vectorizer.analyze(text);
      return { vector: extend(vector, tokens), familiarity, offTopicShare };
    },
  };
}
