import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectWordVectors } from '../../../engine/nlu/build-word-vectors.ts';
import { builtinWordVectors, loadWordVectors } from '../../../engine/nlu/load-word-vectors.ts';
import { decodeWordVectors, encodeWordVectors, type WordVectors } from '../../../engine/nlu/word-vectors.ts';

const data = {
  name: 'toy-3d',
  source: 'made up for this test',
  dimensions: 3,
  words: ['red', 'green', 'blue', 'red'],
  vectors: Float32Array.of(1, 0, -0.5, 0, 2, 0, 0.25, 0.25, 0.25, 9, 9, 9),
};

function vectorOf(vectors: WordVectors, word: string): number[] {
  const out = new Float64Array(vectors.dimensions);
  vectors.addRow(vectors.rowOf(word), 1, out);
  return Array.from(out);
}

function cosine(vectors: WordVectors, a: string, b: string): number {
  const [x, y] = [vectorOf(vectors, a), vectorOf(vectors, b)];
  const dot = x.reduce((sum, v, k) => sum + v * y[k]!, 0);
  return dot / Math.hypot(...x) / Math.hypot(...y);
}

function errorOf(run: () => unknown): Error & { field?: string; key?: string } {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('word vectors', () => {
  it('round-trip through the file format within 8-bit precision, a repeated word keeping its first row', () => {
    const vectors = decodeWordVectors(encodeWordVectors(data));
    expect(vectors.toJSON()).toEqual({ name: 'toy-3d', dimensions: 3, size: 4 });
    expect(vectors.source).toBe('made up for this test');
    expect(vectors.rowOf('green')).toBe(1);
    expect(vectors.rowOf('red')).toBe(0);
    expect(vectors.rowOf('purple')).toBe(-1);
    expect(vectorOf(vectors, 'red')).toEqual([1, 0, -0.5].map((v) => expect.closeTo(v, 2)));
    expect(vectorOf(vectors, 'blue')).toEqual([0.25, 0.25, 0.25].map((v) => expect.closeTo(v, 3)));
    const out = Float64Array.of(1, 1, 1);
    vectors.addRow(1, 0.5, out);
    expect(Array.from(out)).toEqual([1, 2, 1].map((v) => expect.closeTo(v, 3)));
  });

  it('refuses bytes that are not a whole word-vectors file, saying what is wrong', () => {
    const good = encodeWordVectors(data);
    const cases: Array<[Uint8Array, RegExp]> = [
      [Buffer.from('no header line'), /no header line/],
      [Buffer.from('{not json\n'), /header is not JSON/],
      [Buffer.from('{"format":"other","version":1}\n'), /expected format "parley-word-vectors" version 1/],
      [good.subarray(0, good.length - 1), /truncated or damaged/],
    ];
    for (const [bytes, message] of cases) {
      const error = errorOf(() => decodeWordVectors(bytes, 'vectors.bin'));
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/^vectors\.bin: /);
    }
    expect(() => encodeWordVectors({ ...data, vectors: new Float32Array(5) })).toThrow(/need 12 values, got 5/);
  });

  it('loads a file, and names a missing one in a ConfigError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-vectors-'));
    writeFileSync(join(dir, 'toy.bin'), encodeWordVectors(data));
    expect(loadWordVectors(join(dir, 'toy.bin')).size).toBe(4);
    const error = errorOf(() => loadWordVectors(join(dir, 'missing.bin')));
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain('missing.bin');
  });

  it('ship GloVe: 200,000 words whose vectors put words of like meaning close together', () => {
    const glove = builtinWordVectors();
    expect(glove).toBe(builtinWordVectors());
    expect(glove.toJSON()).toEqual({ name: 'glove-6b-100d-200000', dimensions: 100, size: 200_000 });
    expect(cosine(glove, 'refund', 'reimbursement')).toBeGreaterThan(cosine(glove, 'refund', 'weather') + 0.3);
    expect(cosine(glove, 'rain', 'showers')).toBeGreaterThan(cosine(glove, 'rain', 'jazz') + 0.3);
    expect(cosine(glove, 'goodbye', 'farewell')).toBeGreaterThan(cosine(glove, 'goodbye', 'invoice') + 0.3);
    expect(glove.rowOf('the')).toBe(0);
    expect(glove.rowOf('The')).toBe(-1);
  });

  it('are built from the wink package keeping the most frequent lower-case tokens', () => {
    const source = {
      dimensions: 2,
      words: ['the', ',', 'New', 'café', '1999', '42', "n't", 'cat'],
      vectors: Object.fromEntries(['the', ',', 'New', 'café', '1999', '42', "n't", 'cat'].map((w, i) => [w, [i, -i, 0]])),
    };
    const { words, vectors } = selectWordVectors(source, 3);
    expect(words).toEqual(['the', 'café', '42']);
    expect(Array.from(vectors)).toEqual([0, -0, 3, -3, 5, -5]);
  });
});
