import { InputError } from '../../core/contracts/errors/index.ts';

/** Value of `format` in the header of every word-vectors file. */
export const wordVectorsFormat = 'parley-word-vectors';

/** What a word-vectors file says about itself (its first line, JSON). */
export interface WordVectorsHeader {
  format: typeof wordVectorsFormat;
  version: 1;
  /** Identifies the vectors: a model trained with one set refuses to load with another. */
  name: string;
  dimensions: number;
  /** Number of words. */
  count: number;
  /** Byte length of the word list (words joined by "\n", UTF-8). */
  wordBytes: number;
  /** Where the vectors come from and under which licence. */
  source: string;
}

/**
 * Pretrained word vectors, as `meanWordVector` reads them. Words are lower-case tokens as
 * `tokenizeUtterance` writes them. Each vector is stored as 8-bit codes with a scale of its own.
 */
export interface WordVectors {
  readonly name: string;
  readonly dimensions: number;
  /** Number of words. */
  readonly size: number;
  readonly source: string;
  /** Row of `word`, or -1 when it has no vector. */
  rowOf(word: string): number;
  /** Adds `weight` × the vector of `row` to `out` (of `dimensions` entries). */
  addRow(row: number, weight: number, out: Float64Array): void;
  /** What identifies the vectors in a training hash. */
  toJSON(): { name: string; dimensions: number; size: number };
}

/** The words and their vectors (row-major, `words.length × dimensions`) to encode. */
export interface WordVectorsData {
  name: string;
  source: string;
  dimensions: number;
  words: readonly string[];
  vectors: Float32Array;
}

/**
 * The bytes of a word-vectors file: a JSON header line ({@link WordVectorsHeader}), the words joined
 * by "\n", one float32 scale per word (little-endian), then `count × dimensions` int8 codes
 * (value = code × scale).
 */
export function encodeWordVectors(data: WordVectorsData): Buffer {
  const { words, vectors, dimensions } = data;
  if (vectors.length !== words.length * dimensions) {
    throw new RangeError(`${words.length} words x ${dimensions} dimensions need ${words.length * dimensions} values, got ${vectors.length}`);
  }
  const wordList = Buffer.from(words.join('\n'), 'utf8');
  const header: WordVectorsHeader = {
    format: wordVectorsFormat,
    version: 1,
    name: data.name,
    dimensions,
    count: words.length,
    wordBytes: wordList.length,
    source: data.source,
  };
  const scales = Buffer.alloc(words.length * 4);
  const codes = Buffer.alloc(words.length * dimensions);
  for (let w = 0; w < words.length; w++) {
    let max = 0;
    for (let k = 0; k < dimensions; k++) max = Math.max(max, Math.abs(vectors[w * dimensions + k]!));
    const scale = max / 127;
    scales.writeFloatLE(scale, w * 4);
    for (let k = 0; k < dimensions; k++) {
      codes.writeInt8(scale === 0 ? 0 : Math.round(vectors[w * dimensions + k]! / scale), w * dimensions + k);
    }
  }
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), wordList, scales, codes]);
}

/**
 * Reads a word-vectors file's bytes ({@link encodeWordVectors}); throws an InputError that says what
 * is wrong when they are not one. A word listed twice keeps its first row.
 */
export function decodeWordVectors(bytes: Uint8Array, label = 'word vectors'): WordVectors {
  const fail = (problem: string): never => {
    throw new InputError(label, problem);
  };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const newline = buffer.indexOf(10);
  if (newline < 0) fail('not a parley word-vectors file (no header line)');
  let header: Partial<WordVectorsHeader> = {};
  try {
    header = JSON.parse(buffer.subarray(0, newline).toString('utf8')) as Partial<WordVectorsHeader>;
  } catch {
    fail('not a parley word-vectors file (header is not JSON)');
  }
  if (header.format !== wordVectorsFormat || header.version !== 1) {
    fail(`expected format "${wordVectorsFormat}" version 1, got ${JSON.stringify(header.format)} version ${JSON.stringify(header.version)}`);
  }
  const { name, dimensions, count, wordBytes, source } = header;
  const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
  if (typeof name !== 'string' || name === '') fail('header.name must be a non-empty string');
  if (!isCount(dimensions) || !isCount(count) || !isCount(wordBytes)) {
    fail('header.dimensions, count and wordBytes must be positive integers');
  }
  const d = dimensions as number;
  const n = count as number;
  const wordsStart = newline + 1;
  const scalesStart = wordsStart + (wordBytes as number);
  const codesStart = scalesStart + n * 4;
  const expected = codesStart + n * d;
  if (buffer.length !== expected) fail(`header promises ${expected} bytes, the file has ${buffer.length} (truncated or damaged)`);
  const words = buffer.subarray(wordsStart, scalesStart).toString('utf8').split('\n');
  if (words.length !== n) fail(`header promises ${n} words, the list has ${words.length}`);
  const rows = new Map<string, number>();
  for (const [row, word] of words.entries()) if (!rows.has(word)) rows.set(word, row);
  const scales = new Float32Array(n);
  for (let w = 0; w < n; w++) scales[w] = buffer.readFloatLE(scalesStart + w * 4);
  const codes = new Int8Array(buffer.buffer, buffer.byteOffset + codesStart, n * d);
  return {
    name: name as string,
    dimensions: d,
    size: n,
    source: typeof source === 'string' ? source : '',
    rowOf: (word) => rows.get(word) ?? -1,
    addRow(row, weight, out) {
      const scaled = weight * scales[row]!;
      const start = row * d;
      for (let k = 0; k < d; k++) out[k]! += scaled * codes[start + k]!;
    },
    toJSON: () => ({ name: name as string, dimensions: d, size: n }),
  };
}
