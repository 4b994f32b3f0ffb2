/** The format tag of {@link SerializedSequenceTagger}; a change of layout changes it. */
export const serializedSequenceTaggerFormat = 'parley-perceptron-tagger/1';

/**
 * A trained perceptron tagger as JSON, for caching it (`SequenceTagger.serialize`, `loadSequenceTagger`): the
 * entity names, the indicator feature names in id order, the name of the word vectors it was trained with (null
 * for none), and the averaged weights and label transitions as base64 of little-endian float32 / float64 bytes.
 */
export interface SerializedSequenceTagger {
  format: typeof serializedSequenceTaggerFormat;
  entities: string[];
  features: string[];
  wordVectors: string | null;
  dimensions: number;
  weights: string;
  transitions: string;
}
