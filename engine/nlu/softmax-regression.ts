import type { SparseVector } from './sparse-vector.ts';

/**
 * A multinomial logistic regression over sparse vectors. `weights` holds one row of `numClasses`
 * weights per feature (`weights[feature * numClasses + class]`) so a sparse dot product reads
 * contiguous memory.
 */
export interface SoftmaxRegression {
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Class scores of `x`: bias + W·x. */
  logits(x: SparseVector): Float64Array;
  /** Class probabilities of `x` (they sum to 1). */
  probabilities(x: SparseVector): Float64Array;
}

/** Wraps trained or restored parameters; throws a RangeError when the array sizes do not agree. */
export function createSoftmaxRegression(
  numFeatures: number,
  numClasses: number,
  weights: Float32Array,
  bias: Float32Array,
): SoftmaxRegression {
  if (weights.length !== numFeatures * numClasses || bias.length !== numClasses) {
    throw new RangeError(
      `softmax regression of ${numFeatures} features x ${numClasses} classes needs ${numFeatures * numClasses} weights and ${numClasses} biases, got ${weights.length} and ${bias.length}`,
    );
  }
  const logits = (x: SparseVector): Float64Array => {
    const out = new Float64Array(numClasses);
    out.set(bias);
    accumulateLogits(weights, numClasses, x, 1, out);
    return out;
  };
  return {
    numFeatures,
    numClasses,
    weights,
    bias,
    logits,
    probabilities: (x) => softmaxInPlace(logits(x)),
  };
}

/** Adds `scale * W·x` to `logits`. */
export function accumulateLogits(
  weights: Float32Array,
  numClasses: number,
  x: SparseVector,
  scale: number,
  logits: Float64Array,
): void {
  const { indices, values } = x;
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k]! * numClasses;
    const v = values[k]! * scale;
    for (let c = 0; c < numClasses; c++) logits[c]! += v * weights[row + c]!;
  }
}

/**
 * Replaces logits by their softmax at `temperature` (default 1): exp(z / T) normalised, the maximum
 * subtracted first so no exponent overflows.
 */
export function softmaxInPlace(logits: Float64Array, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const z of logits) if (z > max) max = z;
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp((logits[c]! - max) / temperature);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < logits.length; c++) logits[c]! /= sum;
  return logits;
}
