import { UnsupportedPatternError } from '../unsupported-pattern-error.ts';
import type { PatternNfa } from './pattern-nfa.ts';

/**
 * A deterministic byte automaton for a pattern, pruned to live states (every state can still reach an
 * accepting one), with the shortest and longest remaining match of each state counted in characters.
 */
export interface PatternDfa {
  readonly source: string;
  /** The start state; always live. */
  readonly start: number;
  /** `next[state * 256 + byte]`: the following live state, or -1. */
  readonly next: Int32Array;
  /** 1 where the whole string may end. */
  readonly accepting: Uint8Array;
  /** Fewest characters still needed to reach an accepting state. */
  readonly minChars: Int32Array;
  /** Most characters that can still be matched; `Infinity` when unbounded. */
  readonly maxChars: Float64Array;
  /** The largest `minChars` of any state. */
  readonly maxMinChars: number;
}

/** Upper bound on automaton states (subset construction can blow up). */
const maxDfaStates = 4096;

const charCost = (byte: number): number => ((byte & 0xc0) === 0x80 ? 0 : 1);

/** Determinises a byte NFA (subset construction), drops dead states and measures remaining lengths. */
export function determinizePattern(nfa: PatternNfa): PatternDfa {
  const closure = (seeds: Iterable<number>): number[] => {
    const seen = new Set<number>();
    const stack = [...seeds];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const t of nfa.epsilon[s]!) stack.push(t);
    }
    return [...seen].sort((a, b) => a - b);
  };

  const sets: number[][] = [];
  const ids = new Map<string, number>();
  const intern = (set: number[]): number => {
    const key = set.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      if (sets.length >= maxDfaStates)
        throw new UnsupportedPatternError(nfa.source, 0, 'pattern too complex');
      id = sets.length;
      ids.set(key, id);
      sets.push(set);
    }
    return id;
  };

  const raw: number[] = [];
  intern(closure([nfa.start]));
  for (let d = 0; d < sets.length; d++) {
    const targets: number[][] = Array.from({ length: 256 }, () => []);
    for (const s of sets[d]!) {
      const list = nfa.edges[s]!;
      for (let i = 0; i < list.length; i += 3) {
        for (let b = list[i]!; b <= list[i + 1]!; b++) targets[b]!.push(list[i + 2]!);
      }
    }
    for (let b = 0; b < 256; b++)
      raw[d * 256 + b] = targets[b]!.length === 0 ? -1 : intern(closure(targets[b]!));
  }
  return prune(nfa, sets, raw);
}

function prune(nfa: PatternNfa, sets: number[][], raw: number[]): PatternDfa {
  const count = sets.length;
  const accepting = new Uint8Array(count);
  for (let d = 0; d < count; d++) if (sets[d]!.includes(nfa.accept)) accepting[d] = 1;

  // Shortest remaining match (0-1 BFS on reversed edges); unreached states are dead.
  const reverse: number[][] = Array.from({ length: count }, () => []);
  for (let d = 0; d < count; d++) {
    for (let b = 0; b < 256; b++) {
      const t = raw[d * 256 + b]!;
      if (t >= 0) reverse[t]!.push(d, charCost(b));
    }
  }
  const minChars = new Int32Array(count).fill(-1);
  const deque: number[] = [];
  for (let d = 0; d < count; d++) {
    if (accepting[d]) {
      minChars[d] = 0;
      deque.push(d);
    }
  }
  const dist = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  for (const d of deque) dist[d] = 0;
  while (deque.length > 0) {
    const t = deque.shift()!;
    const list = reverse[t]!;
    for (let i = 0; i < list.length; i += 2) {
      const d = list[i]!;
      const nd = dist[t]! + list[i + 1]!;
      if (nd < dist[d]!) {
        dist[d] = nd;
        if (list[i + 1] === 0) deque.unshift(d);
        else deque.push(d);
      }
    }
  }
  for (let d = 0; d < count; d++) minChars[d] = Number.isFinite(dist[d]!) ? dist[d]! : -1;
  if (minChars[0]! < 0) throw new UnsupportedPatternError(nfa.source, 0, 'pattern matches no string');

  const next = new Int32Array(count * 256);
  for (let i = 0; i < next.length; i++) {
    const t = raw[i]!;
    next[i] = t >= 0 && minChars[t]! >= 0 ? t : -1;
  }
  let maxMinChars = 0;
  for (let d = 0; d < count; d++) maxMinChars = Math.max(maxMinChars, minChars[d]!);
  return {
    source: nfa.source,
    start: 0,
    next,
    accepting,
    minChars,
    maxChars: longestMatches(next, accepting),
    maxMinChars,
  };
}

/** Longest remaining match per live state, `Infinity` where a cycle is reachable. */
function longestMatches(next: Int32Array, accepting: Uint8Array): Float64Array {
  const count = accepting.length;
  const result = new Float64Array(count).fill(-1);
  const colour = new Uint8Array(count);
  const visit = (d: number): number => {
    if (colour[d] === 2) return result[d]!;
    if (colour[d] === 1) return Number.POSITIVE_INFINITY;
    colour[d] = 1;
    let best = accepting[d] ? 0 : Number.NEGATIVE_INFINITY;
    for (let b = 0; b < 256; b++) {
      const t = next[d * 256 + b]!;
      if (t >= 0) best = Math.max(best, charCost(b) + visit(t));
    }
    colour[d] = 2;
    result[d] = best;
    return best;
  };
  for (let d = 0; d < count; d++) visit(d);
  return result;
}
