import { InputError } from '../../core/contracts/errors/input-error.ts';
import { builtinWordVectors } from '../nlu/load-word-vectors.ts';
import type { WordVectors } from '../nlu/word-vectors.ts';
import { createBioLabels } from './bio-labels.ts';
import { perceptronTagger } from './perceptron-tagger.ts';
import { PerceptronWeights } from './perceptron-weights.ts';
import type { SequenceTagger } from './sequence-tagger.ts';
import { type SerializedSequenceTagger, serializedSequenceTaggerFormat } from './serialized-sequence-tagger.ts';

/** Options of {@link loadSequenceTagger}. */
export interface LoadSequenceTaggerOptions {
  /** The word vectors the tagger was trained with, when not the shipped ones. Default: the shipped GloVe vectors. */
  wordVectors?: WordVectors;
}

function floats<T extends Float32Array | Float64Array>(base64: unknown, Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number, field: string): T {
  const bytes = typeof base64 === 'string' ? Buffer.from(base64, 'base64') : undefined;
  if (!bytes || bytes.byteLength !== length * Type.BYTES_PER_ELEMENT) {
    throw new InputError(field, `expected ${length} numbers of ${Type.BYTES_PER_ELEMENT} bytes in base64`);
  }
  // A copy: Buffer's pool is not aligned for the typed array.
  return new Type(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/**
 * The tagger `SequenceTagger.serialize` wrote, tagging exactly as it did. Throws `InputError` naming the field for
 * data that is not such a tagger, or when it was trained with other word vectors than the ones at hand.
 */
export function loadSequenceTagger(data: unknown, options: LoadSequenceTaggerOptions = {}): SequenceTagger {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Partial<SerializedSequenceTagger>;
  if (d.format !== serializedSequenceTaggerFormat) throw new InputError('format', `expected "${serializedSequenceTaggerFormat}"`);
  if (!Array.isArray(d.entities) || !d.entities.every((e) => typeof e === 'string')) throw new InputError('entities', 'expected entity names');
  if (!Array.isArray(d.features) || !d.features.every((f) => typeof f === 'string')) throw new InputError('features', 'expected feature names');
  let vectors: WordVectors | undefined;
  if (d.wordVectors !== null) {
    vectors = options.wordVectors ?? builtinWordVectors();
    if (vectors.name !== d.wordVectors) throw new InputError('wordVectors', `trained with "${d.wordVectors}", not "${vectors.name}"`);
  }
  const dimensions = vectors?.dimensions ?? 0;
  if (d.dimensions !== dimensions) throw new InputError('dimensions', `expected ${dimensions}`);
  const labels = createBioLabels(d.entities);
  const model = new PerceptronWeights(labels, d.features.length, dimensions);
  model.weights.set(floats(d.weights, Float32Array, model.weights.length, 'weights'));
  model.transitions.set(floats(d.transitions, Float64Array, model.transitions.length, 'transitions'));
  const ids = new Map(d.features.map((name, id) => [name, id]));
  return perceptronTagger({ labels, ids, vectors, model });
}
