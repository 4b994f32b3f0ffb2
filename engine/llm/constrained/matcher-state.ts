import { feed, type Stack, stackComplete, stackKey } from './frames/frame.ts';

/**
 * Where a matcher is: the stacks of every reading still possible (usually one; more while `anyOf`
 * alternatives are undecided). Empty means the bytes so far cannot become a valid document.
 */
export type MatcherState = readonly Stack[];

/** The state after one more byte; empty when the byte is not allowed. */
export function advanceState(state: MatcherState, byte: number): Stack[] {
  const out: Stack[] = [];
  for (const stack of state) feed(stack, byte, out);
  return dedupeStacks(out);
}

/** `stacks` without duplicates (by exact key); the same array when it has fewer than two. */
export function dedupeStacks(stacks: Stack[]): Stack[] {
  if (stacks.length < 2) return stacks;
  const seen = new Set<string>();
  return stacks.filter((stack) => {
    const key = stackKey(stack, Number.POSITIVE_INFINITY);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The state after `bytes`; empty as soon as one is not allowed. */
export function advanceStateBytes(state: MatcherState, bytes: Uint8Array): MatcherState {
  let current = state;
  for (let i = 0; i < bytes.length && current.length > 0; i++) current = advanceState(current, bytes[i]!);
  return current;
}

/** True when the bytes so far form a complete document. */
export function stateComplete(state: MatcherState): boolean {
  return state.some(stackComplete);
}

/** True when some byte can follow. */
export function stateExtendable(state: MatcherState): boolean {
  for (let byte = 0; byte < 256; byte++) if (advanceState(state, byte).length > 0) return true;
  return false;
}

/** A canonical key of the state's behaviour over the next `horizon` bytes (see `Frame.key`). */
export function stateKey(state: MatcherState, horizon: number): string {
  if (state.length === 1) return stackKey(state[0]!, horizon);
  return state
    .map((stack) => stackKey(stack, horizon))
    .sort()
    .join('|');
}
