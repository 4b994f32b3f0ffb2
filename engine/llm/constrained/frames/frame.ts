/**
 * One level of the JSON matcher: what is being matched at some depth (a string, an object between its
 * properties, a literal...). Frames are immutable, so a matcher state can branch cheaply while the mask
 * walk explores the vocabulary trie.
 */
export interface Frame {
  /**
   * Consumes `byte` with this frame on top of `rest`; pushes every resulting stack onto `out` (none when
   * the byte cannot continue this frame).
   */
  step(byte: number, rest: Stack, out: Stack[]): void;
  /** True when the frame's value could end here, so the next byte may belong to the frame below. */
  readonly complete: boolean;
  /**
   * Identifies the frame's behaviour over the next `horizon` bytes: counters far from their bounds are
   * clamped, so states that differ only there share a key (and a cached mask). `Infinity` gives the exact
   * state.
   */
  key(horizon: number): string;
}

/** A persistent stack of frames; `null` is the empty stack, a complete document. */
export type Stack = { readonly frame: Frame; readonly next: Stack } | null;

/** `frame` on top of `next`. */
export function push(frame: Frame, next: Stack): Stack {
  return { frame, next };
}

/** Feeds one byte to a stack; a complete top frame also lets the byte through to the frame below. */
export function feed(stack: Stack, byte: number, out: Stack[]): void {
  if (stack === null) return;
  stack.frame.step(byte, stack.next, out);
  if (stack.frame.complete) feed(stack.next, byte, out);
}

/** True when every frame of the stack could end here. */
export function stackComplete(stack: Stack): boolean {
  for (let s = stack; s !== null; s = s.next) if (!s.frame.complete) return false;
  return true;
}

/** The key of a whole stack (see {@link Frame.key}). */
export function stackKey(stack: Stack, horizon: number): string {
  let key = '';
  for (let s = stack; s !== null; s = s.next) key += `${s.frame.key(horizon)}/`;
  return key;
}

/** `count` clamped for keys: exact up to `limit`, then all the same. */
export function clamp(count: number, limit: number): number {
  return Math.min(count, limit);
}
