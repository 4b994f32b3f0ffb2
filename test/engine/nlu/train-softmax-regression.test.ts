import { describe, expect, it } from 'vitest';
import type { SparseVector } from '../../../engine/nlu/sparse-vector.ts';
import { trainSoftmaxRegression } from '../../../engine/nlu/train-softmax-regression.ts';

const one = (feature: number): SparseVector => ({
  indices: Int32Array.of(feature),
  values: Float32Array.of(1),
});
const options = { epochs: 30, learningRate: 1, finalRateFraction: 0.01, l2: 0, seed: 1 };

describe('trainSoftmaxRegression', () => {
  it('learns classes from their features', async () => {
    const model = await trainSoftmaxRegression([one(0), one(1), one(2)], [0, 1, 2], 4, 3, options);
    for (const c of [0, 1, 2]) expect(model.probabilities(one(c))[c]).toBeGreaterThan(0.9);
  });

  it('trains background examples (label -1) towards the uniform distribution', async () => {
    const vectors = [one(0), one(1), one(2), one(3), one(3), one(3)];
    const model = await trainSoftmaxRegression(vectors, [0, 1, 2, -1, -1, -1], 4, 3, options);
    for (const p of model.probabilities(one(3))) expect(p).toBeCloseTo(1 / 3, 1);
    expect(model.probabilities(one(1))[1]).toBeGreaterThan(0.9);
  });

  it('continues from initial parameters and reports progress up to 1', async () => {
    const first = await trainSoftmaxRegression([one(0), one(1)], [0, 1], 2, 2, options);
    const fractions: number[] = [];
    const untouched = await trainSoftmaxRegression([one(0), one(1)], [0, 1], 2, 2, {
      ...options,
      epochs: 1,
      learningRate: 1e-9,
      initial: first,
      onProgress: (f) => void fractions.push(f),
    });
    expect(Array.from(untouched.weights)).toEqual(Array.from(first.weights).map((w) => expect.closeTo(w, 5)));
    expect(fractions.at(-1)).toBe(1);
  });
});
