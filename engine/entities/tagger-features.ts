import type { WordVectors } from '../nlu/word-vectors.ts';
import type { TaggerToken } from './tagger-token.ts';

/** What the tagger sees of one token: sparse indicator features by name, and the word's vector if it has one. */
export interface TokenFeatures {
  names: string[];
  vector: Float64Array | undefined;
}

/** "Paris" → "Xx", "3,5" → "d,d", "hip-hop" → "x-x": letter case and digits, runs collapsed. */
export function wordShape(word: string): string {
  return word
    .replace(/\p{Lu}/gu, 'X')
    .replace(/[\p{Ll}\p{Lo}\p{M}]/gu, 'x')
    .replace(/\p{N}/gu, 'd')
    .replace(/(.)\1+/gu, '$1');
}

const lowered = (t: TaggerToken | undefined, edge: string) => (t === undefined ? edge : t.text.toLowerCase());

/** The vector of a token (lower case, accents kept), scaled to unit length; undefined when the vectors lack it. */
function vectorOf(word: string, vectors: WordVectors | undefined): Float64Array | undefined {
  if (!vectors) return undefined;
  const row = vectors.rowOf(word);
  if (row < 0) return undefined;
  const out = new Float64Array(vectors.dimensions);
  vectors.addRow(row, 1, out);
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < out.length; k++) out[k]! /= norm;
  return out;
}

/**
 * The features of every token of an utterance: the word, its shape, prefix and suffixes, its neighbours two
 * either side and the bigrams they make, the sentence's first word (which says much of what the utterance is
 * about: "play", "book", "rate"), and the word's vector, through which a word never seen in training is tagged
 * like the seen words it is close to.
 */
export function tokenFeatures(tokens: readonly TaggerToken[], vectors: WordVectors | undefined): TokenFeatures[] {
  const words = tokens.map((t) => t.text.toLowerCase());
  const first = words[0] ?? '';
  return tokens.map((token, i) => {
    const w = words[i]!;
    const prev = lowered(tokens[i - 1], '<s>');
    const prev2 = lowered(tokens[i - 2], '<s>');
    const next = lowered(tokens[i + 1], '</s>');
    const next2 = lowered(tokens[i + 2], '</s>');
    const shape = wordShape(token.text);
    const names = [
      'bias',
      `w=${w}`,
      `sh=${shape}`,
      `p3=${w.slice(0, 3)}`,
      `s3=${w.slice(-3)}`,
      `s2=${w.slice(-2)}`,
      `w-1=${prev}`,
      `w-2=${prev2}`,
      `w+1=${next}`,
      `w+2=${next2}`,
      `w-1w=${prev}|${w}`,
      `ww+1=${w}|${next}`,
      `w-1w+1=${prev}|${next}`,
      `sh-1=${tokens[i - 1] ? wordShape(tokens[i - 1]!.text) : '<s>'}`,
      `sh+1=${tokens[i + 1] ? wordShape(tokens[i + 1]!.text) : '</s>'}`,
      `f=${first}`,
      `fw=${first}|${w}`,
    ];
    return { names, vector: vectorOf(w, vectors) };
  });
}
