import { buildPatternNfa } from './pattern-nfa.ts';
import { determinizePattern, type PatternDfa } from './pattern-dfa.ts';
import { parsePattern } from './parse-pattern.ts';

const compiled = new Map<string, PatternDfa>();
/** Compiled patterns kept; schemas reuse a handful of patterns, so the cache stays small. */
const maxCachedPatterns = 256;

/**
 * Compiles a JSON Schema `pattern` to a byte-level DFA over the string's UTF-8 bytes; cached by source.
 * @throws UnsupportedPatternError for syntax outside the supported subset (see {@link parsePattern}).
 * @example compilePattern('^\\d{5}$') // accepts exactly five ASCII digits
 */
export function compilePattern(pattern: string): PatternDfa {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const nfa = buildPatternNfa(parsePattern(pattern), pattern);
  const dfa = determinizePattern(nfa);
  if (compiled.size >= maxCachedPatterns) compiled.delete(compiled.keys().next().value!);
  compiled.set(pattern, dfa);
  return dfa;
}
