import type { Grammar } from './grammar.ts';

const grammars = new Map<string, Grammar>();
/** Compiled grammars kept; a bot offers a few tool sets, each compiled once. */
const maxGrammars = 64;

/**
 * The grammar cached under `key` (a canonical JSON of everything it was compiled from), compiled with
 * `build` on a miss. Reusing the grammar is what lets later generations reuse its cached masks.
 */
export function cachedGrammar(key: string, build: () => Grammar): Grammar {
  const hit = grammars.get(key);
  if (hit) {
    grammars.delete(key);
    grammars.set(key, hit);
    return hit;
  }
  const grammar = build();
  grammars.set(key, grammar);
  if (grammars.size > maxGrammars) grammars.delete(grammars.keys().next().value!);
  return grammar;
}
