import { UnsupportedPatternError } from '../unsupported-pattern-error.ts';
import type { CharSet } from './char-set.ts';
import type { PatternNode } from './parse-pattern.ts';

/** A byte-level Thompson automaton: ε-edges and byte-range edges between numbered states. */
export interface PatternNfa {
  /** The pattern it was built from. */
  readonly source: string;
  readonly start: number;
  readonly accept: number;
  /** ε-successors per state. */
  readonly epsilon: readonly number[][];
  /** Byte edges per state: `[low, high, target]` triples, flattened. */
  readonly edges: readonly number[][];
}

/** Upper bound on automaton states, so that `{n,m}` on big groups fails clearly instead of hanging. */
const maxStates = 50_000;

/** UTF-8 byte ranges of every non-ASCII code point, as sequences of `[low, high]` byte ranges. */
const multiByteSequences: readonly (readonly [number, number])[][] = [
  [
    [0xc2, 0xdf],
    [0x80, 0xbf],
  ],
  [
    [0xe0, 0xe0],
    [0xa0, 0xbf],
    [0x80, 0xbf],
  ],
  [
    [0xe1, 0xec],
    [0x80, 0xbf],
    [0x80, 0xbf],
  ],
  [
    [0xed, 0xed],
    [0x80, 0x9f],
    [0x80, 0xbf],
  ],
  [
    [0xee, 0xef],
    [0x80, 0xbf],
    [0x80, 0xbf],
  ],
  [
    [0xf0, 0xf0],
    [0x90, 0xbf],
    [0x80, 0xbf],
    [0x80, 0xbf],
  ],
  [
    [0xf1, 0xf3],
    [0x80, 0xbf],
    [0x80, 0xbf],
    [0x80, 0xbf],
  ],
  [
    [0xf4, 0xf4],
    [0x80, 0x8f],
    [0x80, 0xbf],
    [0x80, 0xbf],
  ],
];

/** Builds the byte-level automaton of a parsed pattern; characters are matched as their UTF-8 bytes. */
export function buildPatternNfa(node: PatternNode, pattern: string): PatternNfa {
  const epsilon: number[][] = [];
  const edges: number[][] = [];
  const state = (): number => {
    if (epsilon.length >= maxStates)
      throw new UnsupportedPatternError(pattern, 0, 'pattern too large to compile');
    epsilon.push([]);
    edges.push([]);
    return epsilon.length - 1;
  };
  const edge = (from: number, low: number, high: number, to: number) => edges[from]!.push(low, high, to);

  const chars = (set: CharSet, from: number, to: number) => {
    for (let code = 0; code < 128; code++) {
      if (set.ascii[code] !== 1) continue;
      let end = code;
      while (end + 1 < 128 && set.ascii[end + 1] === 1) end++;
      edge(from, code, end, to);
      code = end;
    }
    if (set.nonAscii === 'all') {
      for (const sequence of multiByteSequences) {
        let at = from;
        sequence.forEach(([low, high], i) => {
          const next = i === sequence.length - 1 ? to : state();
          edge(at, low, high, next);
          at = next;
        });
      }
      return;
    }
    for (const code of set.nonAscii) {
      const bytes = new TextEncoder().encode(String.fromCodePoint(code));
      let at = from;
      bytes.forEach((byte, i) => {
        const next = i === bytes.length - 1 ? to : state();
        edge(at, byte, byte, next);
        at = next;
      });
    }
  };

  /** Wires `node` between `from` and `to`. */
  const build = (node: PatternNode, from: number, to: number): void => {
    switch (node.type) {
      case 'chars':
        chars(node.set, from, to);
        return;
      case 'seq': {
        let at = from;
        node.items.forEach((item, i) => {
          const next = i === node.items.length - 1 ? to : state();
          build(item, at, next);
          at = next;
        });
        if (node.items.length === 0) epsilon[from]!.push(to);
        return;
      }
      case 'alt':
        for (const option of node.options) build(option, from, to);
        return;
      case 'repeat': {
        let at = from;
        for (let i = 0; i < node.min; i++) {
          const next = state();
          build(node.node, at, next);
          at = next;
        }
        if (node.max === Number.POSITIVE_INFINITY) {
          const loop = state();
          epsilon[at]!.push(loop);
          build(node.node, loop, loop);
          epsilon[loop]!.push(to);
          return;
        }
        for (let i = node.min; i < node.max; i++) {
          epsilon[at]!.push(to);
          const next = state();
          build(node.node, at, next);
          at = next;
        }
        epsilon[at]!.push(to);
        return;
      }
    }
  };

  const start = state();
  const accept = state();
  build(node, start, accept);
  return { source: pattern, start, accept, epsilon, edges };
}
