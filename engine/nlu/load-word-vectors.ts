import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../core/contracts/errors/index.ts';
import { decodeWordVectors, type WordVectors } from './word-vectors.ts';

/** The word vectors shipped with parley: GloVe 6B 100-d (public domain), the 200,000 most frequent words. */
export const builtinWordVectorsPath = join(dirname(fileURLToPath(import.meta.url)), '../../models/glove-100d/word-vectors.bin');

/**
 * Reads a word-vectors file (see `encodeWordVectors`). Throws a ConfigError when it cannot be read and
 * an InputError when it is not a word-vectors file.
 */
export function loadWordVectors(path: string): WordVectors {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError('wordVectors', 'a readable parley word-vectors file', `${path} (${(error as Error).message})`);
  }
  return decodeWordVectors(bytes, path);
}

let builtin: WordVectors | undefined;

/** The shipped word vectors ({@link builtinWordVectorsPath}), read once and shared. */
export function builtinWordVectors(): WordVectors {
  builtin ??= loadWordVectors(builtinWordVectorsPath);
  return builtin;
}
