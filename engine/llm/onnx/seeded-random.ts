/**
 * A deterministic pseudo-random generator (mulberry32) returning floats in [0, 1). The same seed gives
 * the same sequence on every machine, which is what makes sampled generations reproducible.
 * @example const random = createSeededRandom(42); random(); // 0.6011...
 */
export function createSeededRandom(seed: number): () => number {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
