import type { SentenceEncoder } from './sentence-encoder.ts';

/**
 * Joins several sentence encoders into one: each text's vectors, each scaled to unit length, side by side. The
 * cosine of two joined vectors is the mean of the encoders' cosines, so a trained encoder and SIF vote together
 * in one dense list (rather than a third list in the fusion).
 *
 * @example
 * const encoder = concatenateSentenceEncoders([createSifSentenceEncoder(), await createTrainedSentenceEncoder()]);
 */
export function concatenateSentenceEncoders(encoders: readonly SentenceEncoder[]): SentenceEncoder {
  return {
    provider: encoders.map((e) => e.provider).join('+'),
    async embed(texts) {
      const parts = await Promise.all(encoders.map((e) => e.embed(texts)));
      return texts.map((_, i) => {
        const vectors = parts.map((p) => p[i]!);
        const out = new Float32Array(vectors.reduce((n, v) => n + v.length, 0));
        let at = 0;
        for (const v of vectors) {
          const norm = Math.hypot(...v) || 1;
          for (let k = 0; k < v.length; k++) out[at + k] = v[k]! / norm;
          at += v.length;
        }
        return out;
      });
    },
  };
}
