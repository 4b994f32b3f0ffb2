/** How the next token is chosen from a step's logits. */
export interface SampleTokenOptions {
  /** 0 picks the most likely token (greedy); higher flattens the distribution. */
  temperature: number;
  /** Nucleus mass in (0, 1]: sample only among the most likely tokens whose probabilities sum to this. */
  topP: number;
  /** Uniform floats in [0, 1); only read when sampling (temperature > 0). */
  random: () => number;
  /** Allowed tokens (1 = allowed), one entry per id; ids past its end are forbidden. Absent: all allowed. */
  mask?: Uint8Array;
}

/** Tokens below this probability never enter a nucleus; they cannot matter at any sensible top-p. */
const negligible = 1e-9;

/**
 * Picks the next token id from `logits`. Forbidden ids (by `mask`) are never returned; when every id is
 * forbidden the result is -1.
 */
export function sampleToken(logits: Float32Array, options: SampleTokenOptions): number {
  const { mask } = options;
  const allowed = (id: number) => mask === undefined || mask[id] === 1;
  let best = -1;
  for (let id = 0; id < logits.length; id++) {
    if (allowed(id) && (best < 0 || (logits[id] as number) > (logits[best] as number))) best = id;
  }
  if (best < 0 || options.temperature <= 0) return best;

  const max = logits[best] as number;
  const weights = new Float64Array(logits.length);
  let total = 0;
  for (let id = 0; id < logits.length; id++) {
    if (!allowed(id)) continue;
    const w = Math.exp(((logits[id] as number) - max) / options.temperature);
    weights[id] = w;
    total += w;
  }
  if (options.topP < 1) return sampleNucleus(weights, total, options.topP, options.random(), best);
  let target = options.random() * total;
  for (let id = 0; id < weights.length; id++) {
    target -= weights[id] as number;
    if (target < 0 && (weights[id] as number) > 0) return id;
  }
  return best;
}

function sampleNucleus(
  weights: Float64Array,
  total: number,
  topP: number,
  draw: number,
  best: number,
): number {
  const candidates: number[] = [];
  for (let id = 0; id < weights.length; id++) {
    if ((weights[id] as number) / total > negligible) candidates.push(id);
  }
  candidates.sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  let kept = 0;
  let mass = 0;
  for (const id of candidates) {
    mass += weights[id] as number;
    kept++;
    if (mass / total >= topP) break;
  }
  let target = draw * mass;
  for (let i = 0; i < kept; i++) {
    const id = candidates[i] as number;
    target -= weights[id] as number;
    if (target < 0) return id;
  }
  return best;
}
