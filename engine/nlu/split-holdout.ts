import { createSeededRandom } from './seeded-random.ts';

/** Indices of the examples to fit on and of those held out, each in ascending order. */
export interface HoldoutSplit {
  fit: number[];
  holdout: number[];
}

/**
 * A stratified, seeded split of labelled examples: from each class, `floor(count * fraction)` of its
 * examples chosen at random are held out (none from a class with fewer than 1 / fraction examples,
 * so every class keeps most of its examples to learn from).
 *
 * @param labels class of each example
 * @param fraction share to hold out, in (0, 1)
 */
export function splitHoldout(labels: ArrayLike<number>, fraction: number, seed: number): HoldoutSplit {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const members = byClass.get(labels[i]!);
    if (members === undefined) byClass.set(labels[i]!, [i]);
    else members.push(i);
  }
  const random = createSeededRandom(seed);
  const heldOut = new Uint8Array(labels.length);
  for (const members of byClass.values()) {
    const take = Math.floor(members.length * fraction + 1e-9);
    for (const i of random.shuffle(members).slice(0, take)) heldOut[i] = 1;
  }
  const fit: number[] = [];
  const holdout: number[] = [];
  for (let i = 0; i < labels.length; i++) (heldOut[i] === 1 ? holdout : fit).push(i);
  return { fit, holdout };
}
