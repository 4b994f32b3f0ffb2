import { InputError } from '../../core/errors/index.ts';
import { decodeFloat32Base64, encodeFloat32Base64 } from './float32-base64.ts';
import type { LinearIntentModel } from './linear-intent-classifier.ts';
import { createSoftmaxRegression } from './softmax-regression.ts';
import { createTfidfVectorizer, defaultTfidfOptions, type TfidfOptions } from './tfidf-vectorizer.ts';

/** Value of `format` in every {@link SerializedLinearIntentModel}. */
export const serializedLinearIntentFormat = 'parley-linear-intent-model';

/**
 * The JSON form of a trained "parley-linear" classifier. Float arrays that can be large are base64 of
 * little-endian float32 bytes, which round-trips exactly and is about 4x smaller than number arrays.
 */
export interface SerializedLinearIntentModel {
  format: typeof serializedLinearIntentFormat;
  version: 1;
  /** Sorted intent names; column `c` of the weights belongs to `intents[c]`. */
  intents: string[];
  oosThreshold: number;
  /** Featurisation options the vectorizer was fitted with. */
  features: TfidfOptions;
  /** Number of training utterances (sets the idf of unseen words). */
  documentCount: number;
  /** Feature keys: `w:`-prefixed word n-grams, bare character n-grams. */
  vocabulary: string[];
  /** float32 base64, one idf per vocabulary entry. */
  idf: string;
  /** float32 base64, `vocabulary.length × intents.length`, one row of intents per feature. */
  weights: string;
  /** One bias per intent. */
  bias: number[];
}

/** The JSON form of `parts`. */
export function serializeLinearIntentModel(parts: LinearIntentModel): SerializedLinearIntentModel {
  const { vectorizer, model } = parts;
  return {
    format: serializedLinearIntentFormat,
    version: 1,
    intents: [...parts.intents],
    oosThreshold: parts.oosThreshold,
    features: pickFeatureOptions(vectorizer.options),
    documentCount: vectorizer.documentCount,
    vocabulary: [...vectorizer.vocabulary],
    idf: encodeFloat32Base64(vectorizer.idf),
    weights: encodeFloat32Base64(model.weights),
    bias: Array.from(model.bias),
  };
}

/** Restores the parts of a serialised model; throws an InputError naming the first bad field. */
export function deserializeLinearIntentModel(serialized: unknown): LinearIntentModel {
  const fail = (field: string, problem: string): never => {
    throw new InputError(`serialized${field === '' ? '' : `.${field}`}`, problem);
  };
  if (typeof serialized !== 'object' || serialized === null) return fail('', 'must be an object');
  const s = serialized as Partial<Record<keyof SerializedLinearIntentModel, unknown>>;
  if (s.format !== serializedLinearIntentFormat || s.version !== 1) {
    fail(
      'format',
      `expected "${serializedLinearIntentFormat}" version 1, got ${JSON.stringify(s.format)} version ${JSON.stringify(s.version)}`,
    );
  }
  const intents = stringArray(s.intents) ?? fail('intents', 'must be an array of strings');
  if (intents.length < 2) fail('intents', `must name at least 2 intents, got ${intents.length}`);
  const vocabulary = stringArray(s.vocabulary) ?? fail('vocabulary', 'must be an array of strings');
  const features =
    featureOptions(s.features) ?? fail('features', 'must hold the numeric featurisation options');
  if (typeof s.oosThreshold !== 'number') fail('oosThreshold', 'must be a number');
  if (typeof s.documentCount !== 'number' || s.documentCount < 1)
    fail('documentCount', 'must be a positive number');
  const idf =
    (typeof s.idf === 'string' && decodeFloat32Base64(s.idf)) || fail('idf', 'must be float32 base64');
  const weights =
    (typeof s.weights === 'string' && decodeFloat32Base64(s.weights)) ||
    fail('weights', 'must be float32 base64');
  const bias =
    Array.isArray(s.bias) && s.bias.every((b) => typeof b === 'number')
      ? Float32Array.from(s.bias)
      : fail('bias', 'must be an array of numbers');
  if (idf.length !== vocabulary.length)
    fail('idf', `has ${idf.length} values for ${vocabulary.length} features`);
  if (weights.length !== vocabulary.length * intents.length || bias.length !== intents.length) {
    fail('weights', `must be ${vocabulary.length} x ${intents.length} with ${intents.length} biases`);
  }
  return {
    intents,
    oosThreshold: s.oosThreshold as number,
    vectorizer: createTfidfVectorizer(features, s.documentCount as number, vocabulary, idf),
    model: createSoftmaxRegression(vocabulary.length, intents.length, weights, bias),
  };
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
    if (typeof v !== 'number') return undefined;
    options[key] = v;
  }
  return options;
}
