import { createSeededRandom } from './seeded-random.ts';
import {
  accumulateLogits,
  createSoftmaxRegression,
  type SoftmaxRegression,
  softmaxInPlace,
} from './softmax-regression.ts';
import type { SparseVector } from './sparse-vector.ts';

/** How {@link trainSoftmaxRegression} optimises. */
export interface SoftmaxTrainingOptions {
  /** Passes over the shuffled data. */
  epochs: number;
  /** Step size of the first update; it decays linearly to `learningRate * finalRateFraction`. */
  learningRate: number;
  /** Step size of the last update as a fraction of `learningRate`, in (0, 1]. */
  finalRateFraction: number;
  /** L2 penalty per example on the weights (not the biases): loss + l2 / 2 * |W|². */
  l2: number;
  /** Seed of the shuffling. */
  seed: number;
  /** Parameters to continue from (they are copied); default all zeros. */
  initial?: SoftmaxRegression;
  /**
   * Called every few thousand updates and after the last one with the fraction done, in (0, 1]. May
   * return a promise, which training awaits (to let other work run).
   */
  onProgress?: (fraction: number) => void | Promise<void>;
}

/**
 * A class whose probability error is below this (0.1%) is left out of an update: it would barely move
 * the weights, and once the model fits most updates then touch only a handful of classes.
 */
const negligibleGradient = 1e-3;

/** Updates between two progress reports. */
const progressInterval = 4096;

/**
 * Fits a {@link SoftmaxRegression} by stochastic gradient descent on the cross-entropy, one example
 * per step, in a seeded order. An example labelled -1 is a background example whose target is the
 * uniform distribution over the classes (outlier exposure): it teaches the model to be unsure there. The L2 shrinkage is kept as one scale factor for all weights, so a step
 * touches only the rows of the example's features.
 */
export async function trainSoftmaxRegression(
  vectors: readonly SparseVector[],
  /** Class of each vector, or -1 for a background example. */
  labels: ArrayLike<number>,
  numFeatures: number,
  numClasses: number,
  options: SoftmaxTrainingOptions,
): Promise<SoftmaxRegression> {
  const weights = new Float32Array(numFeatures * numClasses);
  const bias = new Float64Array(numClasses);
  if (options.initial !== undefined) {
    weights.set(options.initial.weights);
    bias.set(options.initial.bias);
  }
  const logits = new Float64Array(numClasses);
  const active = new Int32Array(numClasses);
  const random = createSeededRandom(options.seed);
  const order = Array.from(vectors.keys());
  const totalSteps = Math.max(1, options.epochs * vectors.length);
  const decay = (1 - options.finalRateFraction) / totalSteps;
  const uniform = 1 / numClasses;
  let scale = 1;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    random.shuffle(order);
    for (const i of order) {
      const x = vectors[i]!;
      const rate = options.learningRate * (1 - decay * step);
      step++;
      logits.set(bias);
      accumulateLogits(weights, numClasses, x, scale, logits);
      softmaxInPlace(logits);
      const label = labels[i]!;
      if (label >= 0) logits[label]! -= 1;
      else for (let c = 0; c < numClasses; c++) logits[c]! -= uniform;
      scale *= 1 - rate * options.l2;
      applyGradient(weights, numClasses, x, logits, rate / scale, active);
      for (let c = 0; c < numClasses; c++) bias[c]! -= rate * logits[c]!;
      if (scale < 1e-4) {
        for (let j = 0; j < weights.length; j++) weights[j]! *= scale;
        scale = 1;
      }
      if (step % progressInterval === 0 && step < totalSteps) await options.onProgress?.(step / totalSteps);
    }
  }
  for (let j = 0; j < weights.length; j++) weights[j]! *= scale;
  await options.onProgress?.(1);
  return createSoftmaxRegression(numFeatures, numClasses, weights, Float32Array.from(bias));
}

/** weights[row] -= stepSize * gradient ⊗ x, skipping classes whose gradient is negligible. */
function applyGradient(
  weights: Float32Array,
  numClasses: number,
  x: SparseVector,
  gradient: Float64Array,
  stepSize: number,
  active: Int32Array,
): void {
  let numActive = 0;
  for (let c = 0; c < numClasses; c++)
    if (Math.abs(gradient[c]!) > negligibleGradient) active[numActive++] = c;
  const { indices, values } = x;
  // A dense loop is faster than an index list unless most classes can be skipped.
  const dense = numActive * 3 > numClasses;
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k]! * numClasses;
    const v = values[k]! * stepSize;
    if (dense) {
      for (let c = 0; c < numClasses; c++) weights[row + c]! -= v * gradient[c]!;
    } else {
      for (let j = 0; j < numActive; j++) {
        const c = active[j]!;
        weights[row + c]! -= v * gradient[c]!;
      }
    }
  }
}
