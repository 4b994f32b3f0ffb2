/** A deterministic pseudo-random source; the same seed always gives the same sequence. */
export interface SeededRandom {
  /** Next number, uniform in [0, 1). */
  next(): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
}

/**
 * A {@link SeededRandom} backed by mulberry32: 32 bits of state, fast, and good enough for shuffling
 * and weight initialisation (not for anything secret). Non-integer seeds are truncated to 32 bits.
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  };
  return { next, shuffle };
}
