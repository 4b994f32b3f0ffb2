import { describe, expect, it } from 'vitest';
import { splitHoldout } from '../../../engine/nlu/split-holdout.ts';

describe('splitHoldout', () => {
  const labels = [...Array(10).fill(0), ...Array(5).fill(1), ...Array(3).fill(2)];

  it('holds out the same share of every class, none of a class too small to spare one', () => {
    const { fit, holdout } = splitHoldout(labels, 0.2, 1);
    const heldOutOf = (c: number) => holdout.filter((i) => labels[i] === c).length;
    expect([heldOutOf(0), heldOutOf(1), heldOutOf(2)]).toEqual([2, 1, 0]);
    expect([...fit, ...holdout].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(fit).toEqual([...fit].sort((a, b) => a - b));
  });

  it('is deterministic for a seed, and the seed matters', () => {
    expect(splitHoldout(labels, 0.2, 5)).toEqual(splitHoldout(labels, 0.2, 5));
    const seeds = [1, 2, 3, 4, 5].map((seed) => JSON.stringify(splitHoldout(labels, 0.2, seed).holdout));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
});
