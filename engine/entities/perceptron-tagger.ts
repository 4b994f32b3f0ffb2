import type { WordVectors } from '../nlu/word-vectors.ts';
import { type BioLabels, decodeSpans } from './bio-labels.ts';
import type { EncodedToken, PerceptronWeights } from './perceptron-weights.ts';
import type { SequenceTagger } from './sequence-tagger.ts';
import { serializedSequenceTaggerFormat } from './serialized-sequence-tagger.ts';
import { tokenFeatures } from './tagger-features.ts';
import { tokenizeForTagger } from './tagger-token.ts';

/** What a trained perceptron tagger is made of. */
export interface PerceptronTaggerParts {
  labels: BioLabels;
  /** Indicator feature name → its row in the weights. */
  ids: ReadonlyMap<string, number>;
  vectors: WordVectors | undefined;
  model: PerceptronWeights;
}

/** Token features as the weights see them: known indicator features by id, and the word vector. */
export function encodeTaggerFeatures(features: ReturnType<typeof tokenFeatures>, ids: ReadonlyMap<string, number>): EncodedToken[] {
  return features.map((f) => ({ ids: Int32Array.from(f.names.flatMap((n) => (ids.has(n) ? [ids.get(n)!] : []))), vector: f.vector }));
}

const base64Of = (array: Float32Array | Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/** The {@link SequenceTagger} over trained (or loaded) perceptron weights. */
export function perceptronTagger({ labels, ids, vectors, model }: PerceptronTaggerParts): SequenceTagger {
  return {
    entities: labels.entities,
    tag(text) {
      const tokens = tokenizeForTagger(text);
      if (tokens.length === 0 || labels.entities.length === 0) return [];
      const sequence = model.decode(encodeTaggerFeatures(tokenFeatures(tokens, vectors), ids));
      return decodeSpans(tokens, sequence, labels).map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
    },
    serialize() {
      const features = new Array<string>(ids.size);
      for (const [name, id] of ids) features[id] = name;
      return {
        format: serializedSequenceTaggerFormat,
        entities: [...labels.entities],
        features,
        wordVectors: vectors?.name ?? null,
        dimensions: model.dimensions,
        weights: base64Of(model.weights),
        transitions: base64Of(model.transitions),
      };
    },
  };
}
