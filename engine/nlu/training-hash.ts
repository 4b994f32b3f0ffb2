import { createHash } from 'node:crypto';
import type { TrainingExample } from './intent-classifier.ts';

/** Bumped whenever the hashed form changes, so old cache entries stop matching. */
const hashVersion = 'parley-training-hash/1';

/**
 * A stable sha256 (64 hex characters) of a training set and the options it is trained with, for
 * caching trained classifiers by content. Examples are hashed in order (the order changes the SGD
 * shuffle, so it changes the model) and only by `text` and `intent`. Option objects hash the same
 * whatever their key order; functions (such as `onProgress`) and `undefined` fields are left out.
 * Put everything that changes the model into `options`: the provider id, trainer options, the seed.
 *
 * @example
 * const key = trainingHash(examples, { provider: trainer.provider, seed: 1, ...trainerOptions });
 */
export function trainingHash(examples: readonly TrainingExample[], options: object = {}): string {
  const hash = createHash('sha256');
  hash.update(hashVersion);
  hash.update('\n');
  hash.update(canonicalJson(examples.map(({ text, intent }) => [text, intent])));
  hash.update('\n');
  hash.update(canonicalJson(options));
  return hash.digest('hex');
}

/** JSON with object keys sorted at every depth, functions and `undefined` fields dropped. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}
