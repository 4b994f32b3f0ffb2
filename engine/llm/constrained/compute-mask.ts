import { clamp, feed, type Stack } from './frames/frame.ts';
import { StringFrame } from './frames/string-frame.ts';
import { dedupeStacks, type MatcherState } from './matcher-state.ts';
import type { TokenTrie } from './token-trie.ts';
import type { VocabularyIndex } from './vocabulary-index.ts';

/**
 * How to rebuild a mask without the matcher: the string-safe tokens of at most `stringRoom` UTF-16 units
 * (none when -1), plus `ids`. Small for every state but wide patterns, so it is what the cache keeps;
 * `ids` is null when too many tokens are allowed to list them (only the full mask describes it).
 */
export interface MaskRecipe {
  readonly stringRoom: number;
  readonly ids: readonly number[] | null;
}

/**
 * Writes into `mask` (1 per allowed id, 0 elsewhere) the tokens that keep `state` viable, and returns
 * its recipe. Walks the vocabulary trie with the matcher state, pruning every subtree whose prefix is
 * already invalid. Inside strings it avoids the general walk: in a free string (no pattern, between
 * characters) every string-safe token short enough is allowed outright; in a pattern string the walk
 * runs on the pattern's automaton alone; in both, only the small trie of the other tokens (quotes,
 * backslashes, control bytes, partial UTF-8) is walked with the matcher.
 */
export function computeMask(state: MatcherState, index: VocabularyIndex, mask: Uint8Array): MaskRecipe {
  const ids: number[] = [];
  const top = state.length === 1 ? state[0]! : null;
  const string = top !== null && top.frame instanceof StringFrame ? top.frame : null;
  if (string?.plain) {
    const recipe = { stringRoom: string.room, ids };
    applyMaskRecipe(recipe, index, mask);
    walk(index.stringTrie, 0, state, mask, ids, []);
    return recipe;
  }
  mask.fill(0);
  if (string?.node.pattern && string.unescaped) {
    const listed = cachedPatternWalk(index, string, mask);
    walk(index.stringTrie, 0, state, mask, ids, []);
    return { stringRoom: -1, ids: listed && [...listed, ...ids] };
  }
  if (state.length > 0) walk(index.trie, 0, state, mask, ids, []);
  return { stringRoom: -1, ids: ids.length <= index.size >> 3 ? ids : null };
}

/** Writes the mask a recipe describes into `mask`. */
export function applyMaskRecipe(recipe: MaskRecipe, index: VocabularyIndex, mask: Uint8Array): void {
  const room = recipe.stringRoom;
  if (room < 0) mask.fill(0);
  else if (room >= index.horizon) mask.set(index.stringSafe);
  else {
    for (let id = 0; id < index.size; id++) {
      const units = index.stringUnits[id]!;
      mask[id] = units > 0 && units <= room ? 1 : 0;
    }
  }
  for (const id of recipe.ids ?? []) mask[id] = 1;
}

/**
 * {@link patternWalk}, memoised per vocabulary by pattern and automaton state rather than by grammar: the
 * same pattern (an e-mail, an order id) recurs in the grammars of many conversations.
 */
function cachedPatternWalk(
  index: VocabularyIndex,
  frame: StringFrame,
  mask: Uint8Array,
): readonly number[] | null {
  const { pattern, minLength, maxLength } = frame.node;
  const room = clamp(frame.room, index.horizon + 1 + pattern!.maxMinChars);
  const key = `${pattern!.source}\u0000${minLength}.${maxLength}.${frame.dfa}.${clamp(frame.chars, minLength)}.${room}`;
  const cached = index.patternMasks.get(key);
  if (cached instanceof Uint8Array) mask.set(cached);
  else if (cached) applyMaskRecipe(cached, index, mask);
  if (cached) return cached instanceof Uint8Array ? null : cached.ids;
  const listed = patternWalk(index, frame, mask);
  index.patternMasks.set(key, { stringRoom: -1, ids: listed }, mask);
  return listed;
}

/**
 * The trie walk inside a pattern string, on the automaton alone: no frames are built, so a wide pattern
 * (`^[a-z ]+$`) that admits much of the vocabulary stays cheap. Bytes that a string treats specially
 * (quote, backslash, control) end the walk; tokens holding them come from the frame walk of the
 * string trie. The automaton only has valid UTF-8 edges, so it also checks the encoding. Iterative, with
 * one slot per depth, because this is the hottest loop of the constrained decoder. Returns the allowed
 * ids when they are few enough to list, else null.
 */
function patternWalk(index: VocabularyIndex, frame: StringFrame, mask: Uint8Array): number[] | null {
  const { childStart, childByte, childNode, tokenStart, tokenIds } = index.trie;
  const { next, minChars, maxChars } = frame.node.pattern!;
  const { minLength, maxLength } = frame.node;
  const { nodes, edges, states, chars, units } = walkSlots(index.horizon + 2);
  const listLimit = index.size >> 3;
  const listed: number[] = [];
  nodes[0] = 0;
  edges[0] = childStart[0]!;
  states[0] = frame.dfa;
  chars[0] = frame.chars;
  units[0] = frame.units;
  let depth = 0;
  while (depth >= 0) {
    const edge = edges[depth]!;
    if (edge >= childStart[nodes[depth]! + 1]!) {
      depth--;
      continue;
    }
    edges[depth] = edge + 1;
    const byte = childByte[edge]!;
    if (byte === 0x22 || byte === 0x5c || byte < 0x20) continue;
    const state = next[states[depth]! * 256 + byte]!;
    if (state < 0) continue;
    const starts = (byte & 0xc0) !== 0x80;
    const c = starts ? chars[depth]! + 1 : chars[depth]!;
    const u = starts ? units[depth]! + (byte >= 0xf0 ? 2 : 1) : units[depth]!;
    if (u > maxLength || minChars[state]! > maxLength - u) continue;
    if (c < minLength && maxChars[state]! < minLength - c) continue;
    const child = childNode[edge]!;
    for (let t = tokenStart[child]!; t < tokenStart[child + 1]!; t++) {
      mask[tokenIds[t]!] = 1;
      if (listed.length < listLimit) listed.push(tokenIds[t]!);
    }
    depth++;
    nodes[depth] = child;
    edges[depth] = childStart[child]!;
    states[depth] = state;
    chars[depth] = c;
    units[depth] = u;
  }
  return listed.length < listLimit ? listed : null;
}

let slots = {
  nodes: new Int32Array(0),
  edges: new Int32Array(0),
  states: new Int32Array(0),
  chars: new Int32Array(0),
  units: new Int32Array(0),
};

/** Per-depth work arrays of {@link patternWalk}, shared (the walk never re-enters itself). */
function walkSlots(depth: number): typeof slots {
  if (slots.nodes.length < depth) {
    const make = () => new Int32Array(depth);
    slots = { nodes: make(), edges: make(), states: make(), chars: make(), units: make() };
  }
  return slots;
}

/** `scratch` collects the stacks of one step; most bytes are rejected, so nothing is allocated for them. */
function walk(
  trie: TokenTrie,
  node: number,
  state: MatcherState,
  mask: Uint8Array,
  ids: number[],
  scratch: Stack[],
): void {
  const { childStart, childByte, childNode, tokenStart, tokenIds } = trie;
  for (let edge = childStart[node]!; edge < childStart[node + 1]!; edge++) {
    const byte = childByte[edge]!;
    for (const stack of state) feed(stack, byte, scratch);
    if (scratch.length === 0) continue;
    const next = dedupeStacks(scratch.slice());
    scratch.length = 0;
    const child = childNode[edge]!;
    for (let t = tokenStart[child]!; t < tokenStart[child + 1]!; t++) {
      mask[tokenIds[t]!] = 1;
      // Past an eighth of the vocabulary the mask is cached whole: the list is no longer needed.
      if (ids.length <= mask.length >> 3) ids.push(tokenIds[t]!);
    }
    walk(trie, child, next, mask, ids, scratch);
  }
}
