import { compileGrammar } from './grammar.ts';
import type { JsonConstraintOptions } from './json-constraint-options.ts';
import { advanceStateBytes, type MatcherState, stateComplete, stateExtendable } from './matcher-state.ts';

/**
 * An incremental byte-level matcher of one JSON document against a schema: feed it bytes and it tells
 * whether what it has read can still become a valid document (`viable`) and whether it is one (`complete`).
 */
export interface JsonSchemaMatcher {
  /** Feeds text (as UTF-8) or bytes; returns `viable`. Once not viable, further input is ignored. */
  push(input: string | Uint8Array): boolean;
  /** False once the input so far cannot be completed into a valid document. */
  readonly viable: boolean;
  /** True when the input so far is a complete valid document. */
  readonly complete: boolean;
  /** True when the document is complete and no byte could extend it. */
  readonly finished: boolean;
  /** The current state, for mask computation. */
  readonly state: MatcherState;
}

/**
 * Creates a {@link JsonSchemaMatcher} for `schema` (see `compileSchema` for the supported subset).
 * @example
 * const m = createJsonSchemaMatcher({ type: 'string', pattern: '^\\d{5}$' });
 * m.push('"4521'); // true
 * m.push('"');     // false: only four digits
 */
export function createJsonSchemaMatcher(
  schema: unknown,
  options: Partial<JsonConstraintOptions> = {},
): JsonSchemaMatcher {
  let state: MatcherState = compileGrammar([{ schema }], options).start;
  return {
    push(input) {
      if (state.length === 0) return false;
      const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
      state = advanceStateBytes(state, bytes);
      return state.length > 0;
    },
    get viable() {
      return state.length > 0;
    },
    get complete() {
      return stateComplete(state);
    },
    get finished() {
      return stateComplete(state) && !stateExtendable(state);
    },
    get state() {
      return state;
    },
  };
}
