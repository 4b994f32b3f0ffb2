import type { BioLabels } from './bio-labels.ts';

/** One token as the weights see it: indicator feature ids and the optional dense word vector. */
export interface EncodedToken {
  ids: Int32Array;
  vector: Float64Array | undefined;
}

/**
 * The weights of a structured perceptron over BIO labels: one row of label scores per indicator feature, one
 * per dimension of the word vector, and label-to-label transitions (row `size` is the start of the sentence).
 * Averaging uses the running-sum trick: `total` gathers each update times the step it happened at, so the
 * average is `weights - total / step` without visiting every weight at every step.
 */
export class PerceptronWeights {
  readonly weights: Float32Array;
  readonly total: Float32Array;
  readonly transitions: Float64Array;
  readonly transitionTotal: Float64Array;
  private readonly denseBase: number;
  /** For each label, the labels that may precede it: an entity's continuation has two, the others all. */
  private readonly predecessors: Int32Array[];

  constructor(
    readonly labels: BioLabels,
    readonly featureCount: number,
    readonly dimensions: number,
  ) {
    const L = labels.size;
    this.denseBase = featureCount;
    this.weights = new Float32Array((featureCount + dimensions) * L);
    this.total = new Float32Array(this.weights.length);
    this.transitions = new Float64Array((L + 1) * L);
    this.transitionTotal = new Float64Array(this.transitions.length);
    this.predecessors = Array.from({ length: L }, (_, y) => Int32Array.from({ length: L }, (_, p) => p).filter((p) => labels.allowed(p, y)));
  }

  /** Label scores of a token (length `labels.size`). */
  emission(token: EncodedToken, out: Float64Array): void {
    const L = this.labels.size;
    out.fill(0);
    for (const id of token.ids) {
      const base = id * L;
      for (let y = 0; y < L; y++) out[y]! += this.weights[base + y]!;
    }
    if (token.vector) {
      for (let d = 0; d < this.dimensions; d++) {
        const v = token.vector[d]!;
        const base = (this.denseBase + d) * L;
        for (let y = 0; y < L; y++) out[y]! += v * this.weights[base + y]!;
      }
    }
  }

  /** The best label sequence under the BIO constraints (Viterbi). */
  decode(tokens: readonly EncodedToken[]): Int32Array {
    const L = this.labels.size;
    const n = tokens.length;
    const best = new Int32Array(n);
    if (n === 0) return best;
    const score = new Float64Array(n * L).fill(Number.NEGATIVE_INFINITY);
    const back = new Int32Array(n * L);
    const emission = new Float64Array(L);
    for (let i = 0; i < n; i++) {
      this.emission(tokens[i]!, emission);
      for (let y = 0; y < L; y++) {
        if (i === 0) {
          if (this.labels.allowed(-1, y)) score[y] = emission[y]! + this.transitions[L * L + y]!;
          continue;
        }
        let top = Number.NEGATIVE_INFINITY;
        let arg = 0;
        for (const p of this.predecessors[y]!) {
          const s = score[(i - 1) * L + p]!;
          if (s === Number.NEGATIVE_INFINITY) continue;
          const t = s + this.transitions[p * L + y]!;
          if (t > top) {
            top = t;
            arg = p;
          }
        }
        score[i * L + y] = top + emission[y]!;
        back[i * L + y] = arg;
      }
    }
    let arg = 0;
    for (let y = 1; y < L; y++) if (score[(n - 1) * L + y]! > score[(n - 1) * L + arg]!) arg = y;
    for (let i = n - 1; i >= 0; i--) {
      best[i] = arg;
      arg = back[i * L + arg]!;
    }
    return best;
  }

  /** Moves the weights towards `gold` and away from `predicted` at update step `step`. */
  update(tokens: readonly EncodedToken[], gold: Int32Array, predicted: Int32Array, step: number): void {
    const L = this.labels.size;
    for (let i = 0; i < tokens.length; i++) {
      const g = gold[i]!;
      const p = predicted[i]!;
      const gPrev = i === 0 ? L : gold[i - 1]!;
      const pPrev = i === 0 ? L : predicted[i - 1]!;
      if (g !== p || gPrev !== pPrev) {
        this.transitions[gPrev * L + g]! += 1;
        this.transitionTotal[gPrev * L + g]! += step;
        this.transitions[pPrev * L + p]! -= 1;
        this.transitionTotal[pPrev * L + p]! -= step;
      }
      if (g === p) continue;
      const token = tokens[i]!;
      for (const id of token.ids) this.bump(id * L, g, p, 1, step);
      if (token.vector) for (let d = 0; d < this.dimensions; d++) this.bump((this.denseBase + d) * L, g, p, token.vector[d]!, step);
    }
  }

  /** Replaces the weights by their average over `steps` updates (call once, after training). */
  average(steps: number): void {
    for (let k = 0; k < this.weights.length; k++) this.weights[k]! -= this.total[k]! / steps;
    for (let k = 0; k < this.transitions.length; k++) this.transitions[k]! -= this.transitionTotal[k]! / steps;
  }

  private bump(base: number, gold: number, predicted: number, value: number, step: number): void {
    this.weights[base + gold]! += value;
    this.total[base + gold]! += value * step;
    this.weights[base + predicted]! -= value;
    this.total[base + predicted]! -= value * step;
  }
}
