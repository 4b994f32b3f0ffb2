import { createSeededRandom } from './seeded-random.ts';
import { createSoftmaxRegression, type SoftmaxRegression } from './softmax-regression.ts';
import { createSparseRowKernels } from './sparse-row-kernels.ts';
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

/** Updates between two progress reports. */
const progressInterval = 4096;

/**
 * Fits a {@link SoftmaxRegression} by stochastic gradient descent on the cross-entropy, one example
 * per step, in a seeded order. An example labelled -1 is a background example whose target is the
 * uniform distribution over the classes (outlier exposure): it teaches the model to be unsure there.
 * The L2 shrinkage is kept as one scale factor for all weights, so a step touches only the rows of
 * the example's features. Weights and examples live in one WebAssembly memory, read and written by
 * SIMD kernels (`createSparseRowKernels`), with the class rows padded to a multiple of four.
 */
export async function trainSoftmaxRegression(
  vectors: readonly SparseVector[],
  /** Class of each vector, or -1 for a background example. */
  labels: ArrayLike<number>,
  numFeatures: number,
  numClasses: number,
  options: SoftmaxTrainingOptions,
): Promise<SoftmaxRegression> {
  const stride = Math.ceil(numClasses / 4) * 4;
  let nonZeros = 0;
  for (const x of vectors) nonZeros += x.indices.length;
  const logitsAt = numFeatures * stride * 4;
  const indicesAt = logitsAt + stride * 4;
  const valuesAt = indicesAt + nonZeros * 4;
  const memory = allocate(valuesAt + nonZeros * 4, numFeatures, numClasses);
  const kernels = createSparseRowKernels(memory);
  const floats = new Float32Array(memory.buffer);
  const ints = new Int32Array(memory.buffer);
  const offsets = new Int32Array(vectors.length + 1);
  vectors.forEach((x, i) => {
    offsets[i + 1] = offsets[i]! + x.indices.length;
    ints.set(x.indices, indicesAt / 4 + offsets[i]!);
    floats.set(x.values, valuesAt / 4 + offsets[i]!);
  });
  const bias = new Float64Array(numClasses);
  if (options.initial !== undefined) {
    for (let f = 0; f < numFeatures; f++) {
      floats.set(options.initial.weights.subarray(f * numClasses, (f + 1) * numClasses), f * stride);
    }
    bias.set(options.initial.bias);
  }
  const logits = floats.subarray(logitsAt / 4, logitsAt / 4 + stride);
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
      const from = offsets[i]!;
      const count = offsets[i + 1]! - from;
      const rate = options.learningRate * (1 - decay * step);
      step++;
      logits.fill(0);
      kernels.accumulate(indicesAt + from * 4, valuesAt + from * 4, count, 0, stride, logitsAt, scale);
      softmaxWithBias(logits, bias, numClasses);
      const label = labels[i]!;
      if (label >= 0) logits[label]! -= 1;
      else for (let c = 0; c < numClasses; c++) logits[c]! -= uniform;
      scale *= 1 - rate * options.l2;
      kernels.update(indicesAt + from * 4, valuesAt + from * 4, count, 0, stride, logitsAt, rate / scale);
      for (let c = 0; c < numClasses; c++) bias[c]! -= rate * logits[c]!;
      if (scale < 1e-4) {
        for (let j = 0; j < numFeatures * stride; j++) floats[j]! *= scale;
        scale = 1;
      }
      if (step % progressInterval === 0 && step < totalSteps) await options.onProgress?.(step / totalSteps);
    }
  }
  const weights = new Float32Array(numFeatures * numClasses);
  for (let f = 0; f < numFeatures; f++) {
    for (let c = 0; c < numClasses; c++) weights[f * numClasses + c] = floats[f * stride + c]! * scale;
  }
  await options.onProgress?.(1);
  return createSoftmaxRegression(numFeatures, numClasses, weights, Float32Array.from(bias));
}

/** Replaces the first `numClasses` logits (W·x) by softmax(W·x + bias). */
function softmaxWithBias(logits: Float32Array, bias: Float64Array, numClasses: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < numClasses; c++) {
    const z = logits[c]! + bias[c]!;
    logits[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < numClasses; c++) {
    const e = Math.exp(logits[c]! - max);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < numClasses; c++) logits[c]! /= sum;
}

/** Memory for the weights and examples; a RangeError that says how big when it cannot be had. */
function allocate(bytes: number, numFeatures: number, numClasses: number): WebAssembly.Memory {
  const pages = Math.ceil(bytes / 65_536);
  try {
    return new WebAssembly.Memory({ initial: pages });
  } catch (error) {
    throw new RangeError(
      `training ${numFeatures} features x ${numClasses} classes needs ${(bytes / 2 ** 30).toFixed(1)} GiB of WebAssembly memory, more than this engine gives (${(error as Error).message}); lower maxFeatures`,
    );
  }
}
