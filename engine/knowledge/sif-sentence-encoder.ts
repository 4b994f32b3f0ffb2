import { builtinWordVectors } from '../nlu/load-word-vectors.ts';
import { tokenizeUtterance } from '../nlu/tokenize-utterance.ts';
import type { WordVectors } from '../nlu/word-vectors.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import { withDefaults } from './with-defaults.ts';

/** Options of {@link createSifSentenceEncoder}. */
export interface SifSentenceEncoderOptions {
  /** Word vectors whose rows are ordered by word frequency, most frequent first. Default: the shipped GloVe 100-d. */
  wordVectors?: WordVectors;
  /**
   * SIF's smoothing `a`: a word of estimated probability p weighs a / (a + p), so "the" counts ~1 % and a
   * rare word ~100 %. Default 1e-3 (Arora et al. 2017 found 1e-4 to 1e-3 best).
   */
  smoothing?: number;
}

/** Defaults of {@link SifSentenceEncoderOptions}. */
export const defaultSifSentenceEncoderOptions = {
  smoothing: 1e-3,
} as const;

/** A sentence encoder that can also embed synchronously (it runs no model). */
export interface SifSentenceEncoder extends SentenceEncoder {
  /** The SIF vector of one text (all zeros when no word has a vector). */
  embedOne(text: string): Float32Array;
  /** Length of every vector. */
  readonly dimensions: number;
}

const eulerGamma = 0.5772;

/**
 * The SIF weight a / (a + p(w)) of each row of frequency-ordered word vectors, p(w) estimated by Zipf's law from
 * the row: p(r) = 1 / ((r + 1) · H(n)), H(n) ≈ ln n + γ.
 */
export function sifWordWeight(vectors: Pick<WordVectors, 'size'>, smoothing: number): (row: number) => number {
  const harmonic = Math.log(vectors.size) + eulerGamma;
  return (row) => smoothing / (smoothing + 1 / ((row + 1) * harmonic));
}

/**
 * Smooth-inverse-frequency sentence vectors (Arora, Liang and Ma, "A simple but tough-to-beat baseline for
 * sentence embeddings", 2017): the weighted mean of a text's word vectors, each word weighing a / (a + p(w)).
 * The shipped vectors carry no counts, but their rows are in frequency order, so p(w) is estimated by Zipf's
 * law from the row: p(r) = 1 / ((r + 1) · H(n)). The common component is removed by the index that holds the
 * passages (`createDenseIndex`), since it is a property of the corpus. Runs in microseconds, no model file.
 *
 * @example
 * const encoder = createSifSentenceEncoder();
 * const [q, p] = await encoder.embed(['do you sell gift cards?', 'Digital gift cards from $10 to $500 ...']);
 */
export function createSifSentenceEncoder(options: SifSentenceEncoderOptions = {}): SifSentenceEncoder {
  const { smoothing } = withDefaults(defaultSifSentenceEncoderOptions, options);
  const vectors = options.wordVectors ?? builtinWordVectors();
  const weightOf = sifWordWeight(vectors, smoothing);
  const embedOne = (text: string): Float32Array => {
    const sum = new Float64Array(vectors.dimensions);
    let words = 0;
    for (const token of tokenizeUtterance(text)) {
      const row = vectors.rowOf(token);
      if (row < 0) continue;
      vectors.addRow(row, weightOf(row), sum);
      words += 1;
    }
    const out = new Float32Array(vectors.dimensions);
    if (words > 0) for (let i = 0; i < out.length; i++) out[i] = sum[i]! / words;
    return out;
  };
  return {
    provider: `sif:${vectors.name}`,
    dimensions: vectors.dimensions,
    embedOne,
    embed: async (texts) => texts.map(embedOne),
  };
}
