import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../engine/nlu/seeded-random.ts';

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed, a different one for another seed', () => {
    const take = (seed: number) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
  });

  it('draws uniformly from [0, 1)', () => {
    const random = createSeededRandom(1);
    const draws = Array.from({ length: 10_000 }, () => random.next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('shuffles into a seed-determined permutation', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = createSeededRandom(3).shuffle([...items]);
    expect(createSeededRandom(3).shuffle([...items])).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
  });
});
