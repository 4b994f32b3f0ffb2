import { InputError } from '../../core/contracts/errors/index.ts';
import type { AbstentionEstimate } from './abstention-estimate.ts';
import { decodeFloat32Base64, encodeFloat32Base64 } from './float32-base64.ts';
import type { LinearIntentModel } from './linear-intent-classifier.ts';
import { dequantizeRows } from './quantize-rows.ts';
import { createSoftmaxRegression } from './softmax-regression.ts';
import {
  createTfidfVectorizer,
  defaultTfidfOptions,
  type FamiliarityScope,
  plainFamiliarityScope,
  type TfidfOptions,
} from './tfidf-vectorizer.ts';
import { isWordUnigram } from './utterance-ngrams.ts';
import type { WordVectors } from './word-vectors.ts';

/** Value of `format` in every {@link SerializedLinearIntentModel}. */
export const serializedLinearIntentFormat = 'parley-linear-intent-model';

/**
 * The JSON form of a trained "parley-linear" classifier. Arrays that can be large are base64: float32
 * ones of their little-endian bytes (exact, and about 4x smaller than number arrays), the weights of
 * 8-bit codes with a float32 scale per feature.
 */
export interface SerializedLinearIntentModel {
  format: typeof serializedLinearIntentFormat;
  /** 5; versions 3 (no `wordVectors`) and 4 (no familiarity fields) still load as they were trained. */
  version: 5;
  /** Sorted intent names; column `c` of the weights belongs to `intents[c]`. */
  intents: string[];
  oosThreshold: number;
  /** Calibrated softmax temperature. */
  temperature: number;
  /** Featurisation options the vectorizer was fitted with. */
  features: TfidfOptions;
  /** Number of training utterances (sets the idf of unseen words). */
  documentCount: number;
  /** Feature keys: `w:`-prefixed word n-grams, bare character n-grams. */
  vocabulary: string[];
  /** float32 base64, one idf per vocabulary entry. */
  idf: string;
  /** Vocabulary indices of the words seen only in background utterances, ascending (see `FamiliarityScope`). */
  offTopicWords: number[];
  /** How much a never-seen word counts against familiarity, in [0, 1]. */
  unseenWordWeight: number;
  /** Confidence = probability × familiarity^this, in (0, 1]. */
  familiarityExponent: number;
  /**
   * The word vectors whose block follows the vocabulary's features (`dimensions` more weight rows),
   * by name, and the block's weight; null when the model reads TF-IDF alone.
   */
  wordVectors: { name: string; dimensions: number; weight: number } | null;
  /** int8 base64, `(vocabulary.length + word-vector dimensions) × intents.length` codes, one row of intents per feature. */
  weights: string;
  /** float32 base64, one scale per feature: weight = code × scale. */
  weightScales: string;
  /** One bias per intent. */
  bias: number[];
  /** How `oosThreshold` was chosen by cross-validation; absent when it was given. */
  abstention?: AbstentionEstimate;
}

/** The JSON form of `parts`. */
export function serializeLinearIntentModel(parts: LinearIntentModel): SerializedLinearIntentModel {
  const { vectorizer, model } = parts;
  return {
    format: serializedLinearIntentFormat,
    version: 5,
    intents: [...parts.intents],
    oosThreshold: parts.oosThreshold,
    temperature: parts.temperature,
    features: pickFeatureOptions(vectorizer.options),
    documentCount: vectorizer.documentCount,
    vocabulary: [...vectorizer.vocabulary],
    idf: encodeFloat32Base64(vectorizer.idf),
    offTopicWords: Array.from(vectorizer.familiarityScope.offTopicWords),
    unseenWordWeight: vectorizer.familiarityScope.unseenWordWeight,
    familiarityExponent: parts.familiarityExponent,
    wordVectors:
      parts.wordVectors === null
        ? null
        : {
            name: parts.wordVectors.vectors.name,
            dimensions: parts.wordVectors.vectors.dimensions,
            weight: parts.wordVectors.weight,
          },
    weights: Buffer.from(
      parts.quantizedWeights.codes.buffer,
      parts.quantizedWeights.codes.byteOffset,
      parts.quantizedWeights.codes.length,
    ).toString('base64'),
    weightScales: encodeFloat32Base64(parts.quantizedWeights.scales),
    bias: Array.from(model.bias),
    ...(parts.abstention ? { abstention: parts.abstention } : {}),
  };
}

/**
 * Restores the parts of a serialised model; throws an InputError naming the first bad field. A model
 * trained with word vectors needs the same vectors (same name) as `wordVectors`.
 */
export function deserializeLinearIntentModel(
  serialized: unknown,
  wordVectors: WordVectors | null = null,
): LinearIntentModel {
  const fail = (field: string, problem: string): never => {
    throw new InputError(`serialized${field === '' ? '' : `.${field}`}`, problem);
  };
  if (typeof serialized !== 'object' || serialized === null) return fail('', 'must be an object');
  const s = serialized as Partial<Record<keyof SerializedLinearIntentModel, unknown>>;
  if (s.format !== serializedLinearIntentFormat || (s.version !== 3 && s.version !== 4 && s.version !== 5)) {
    fail(
      'format',
      `expected "${serializedLinearIntentFormat}" version 3, 4 or 5, got ${JSON.stringify(s.format)} version ${JSON.stringify(s.version)}`,
    );
  }
  const vectorsUsed = s.version === 3 ? null : wordVectorsOf(s.wordVectors, wordVectors, fail);
  const rows = (vocabulary: readonly string[]): number =>
    vocabulary.length + (vectorsUsed === null ? 0 : vectorsUsed.vectors.dimensions);
  const intents = stringArray(s.intents) ?? fail('intents', 'must be an array of strings');
  if (intents.length < 2) fail('intents', `must name at least 2 intents, got ${intents.length}`);
  const vocabulary = stringArray(s.vocabulary) ?? fail('vocabulary', 'must be an array of strings');
  const features =
    featureOptions(s.features) ?? fail('features', 'must hold the numeric featurisation options');
  if (typeof s.oosThreshold !== 'number') fail('oosThreshold', 'must be a number');
  if (typeof s.temperature !== 'number' || !(s.temperature > 0))
    fail('temperature', 'must be a positive number');
  if (typeof s.documentCount !== 'number' || s.documentCount < 1)
    fail('documentCount', 'must be a positive number');
  const idf =
    (typeof s.idf === 'string' && decodeFloat32Base64(s.idf)) || fail('idf', 'must be float32 base64');
  const codes =
    (typeof s.weights === 'string' && decodeInt8Base64(s.weights)) || fail('weights', 'must be int8 base64');
  const scales =
    (typeof s.weightScales === 'string' && decodeFloat32Base64(s.weightScales)) ||
    fail('weightScales', 'must be float32 base64');
  const bias =
    Array.isArray(s.bias) && s.bias.every((b) => typeof b === 'number')
      ? Float32Array.from(s.bias)
      : fail('bias', 'must be an array of numbers');
  if (idf.length !== vocabulary.length)
    fail('idf', `has ${idf.length} values for ${vocabulary.length} features`);
  const numFeatures = rows(vocabulary);
  if (codes.length !== numFeatures * intents.length || bias.length !== intents.length) {
    fail('weights', `must be ${numFeatures} x ${intents.length} with ${intents.length} biases`);
  }
  if (scales.length !== numFeatures) fail('weightScales', `must have ${numFeatures} values`);
  const scope = s.version === 5 ? familiarityOf(s, vocabulary, fail) : { ...plainFamiliarityScope, exponent: 1 };
  const quantizedWeights = { codes, scales };
  const weights = dequantizeRows(quantizedWeights, intents.length);
  return {
    intents,
    oosThreshold: s.oosThreshold as number,
    temperature: s.temperature as number,
    familiarityExponent: scope.exponent,
    vectorizer: createTfidfVectorizer(features, s.documentCount as number, vocabulary, idf, scope),
    model: createSoftmaxRegression(numFeatures, intents.length, weights, bias),
    quantizedWeights,
    wordVectors: vectorsUsed,
    ...(s.abstention === undefined ? {} : { abstention: abstentionOf(s.abstention, fail) }),
  };
}

function abstentionOf(field: unknown, fail: (field: string, problem: string) => never): AbstentionEstimate {
  const a = field as Partial<Record<keyof AbstentionEstimate, unknown>> | null;
  const keys: (keyof AbstentionEstimate)[] = ['threshold', 'inScopeAcceptance', 'offTopicRejection', 'inScopeN', 'offTopicN', 'folds'];
  if (typeof a !== 'object' || a === null || keys.some((k) => typeof a[k] !== 'number')) {
    return fail('abstention', `must hold the numbers ${keys.join(', ')}`);
  }
  return a as AbstentionEstimate;
}

/** The word vectors a version-4 model names, checked against those at hand. */
function wordVectorsOf(
  field: unknown,
  available: WordVectors | null,
  fail: (field: string, problem: string) => never,
): LinearIntentModel['wordVectors'] {
  if (field === null) return null;
  const named = field as { name?: unknown; dimensions?: unknown; weight?: unknown } | undefined;
  if (
    typeof named !== 'object' ||
    typeof named.name !== 'string' ||
    typeof named.dimensions !== 'number' ||
    typeof named.weight !== 'number' ||
    !(named.weight > 0)
  ) {
    return fail('wordVectors', 'must be null or { name, dimensions, weight }');
  }
  if (available === null || available.name !== named.name || available.dimensions !== named.dimensions) {
    const have = available === null ? 'none' : `"${available.name}"`;
    return fail(
      'wordVectors',
      `the model was trained with word vectors "${named.name}" (${named.dimensions} dimensions); load it with a trainer given those vectors (this one has ${have})`,
    );
  }
  return { vectors: available, weight: named.weight };
}

function decodeInt8Base64(text: string): Int8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length).slice();
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function pickFeatureOptions(options: TfidfOptions): TfidfOptions {
  const picked = { ...defaultTfidfOptions };
  for (const key of Object.keys(defaultTfidfOptions) as Array<keyof TfidfOptions>) picked[key] = options[key];
  return picked;
}

function featureOptions(value: unknown): TfidfOptions | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const options = { ...defaultTfidfOptions };
  for (const key of Object.keys(defaultTfidfOptions) as Array<keyof TfidfOptions>) {
    const v = (value as Record<string, unknown>)[key];
    // Models stored before the tokenizer had a language are language-neutral.
    if (v === undefined && key === 'language') continue;
    if (typeof v !== 'number') return undefined;
    options[key] = v;
  }
  return options;
}

/** The familiarity fields of a version 5 model, checked against its vocabulary. */
function familiarityOf(
  s: Partial<Record<keyof SerializedLinearIntentModel, unknown>>,
  vocabulary: readonly string[],
  fail: (field: string, problem: string) => never,
): FamiliarityScope & { exponent: number } {
  const words = s.offTopicWords;
  if (
    !Array.isArray(words) ||
    !words.every(
      (w, i) =>
        Number.isInteger(w) && isWordUnigram(vocabulary[w] ?? '') && (i === 0 || w > words[i - 1]),
    )
  ) {
    fail('offTopicWords', 'must be ascending vocabulary indices of single-word features');
  }
  const unseen = s.unseenWordWeight;
  if (typeof unseen !== 'number' || !(unseen >= 0 && unseen <= 1)) fail('unseenWordWeight', 'must be a number in [0, 1]');
  const exponent = s.familiarityExponent;
  if (typeof exponent !== 'number' || !(exponent > 0 && exponent <= 1)) {
    fail('familiarityExponent', 'must be a number in (0, 1]');
  }
  return {
    offTopicWords: Int32Array.from(words as number[]),
    unseenWordWeight: unseen as number,
    exponent: exponent as number,
  };
}
