import { compileSchema, type NodeIds } from './compile-schema.ts';
import type { Stack } from './frames/frame.ts';
import { SequenceFrame, type SequencePart } from './frames/sequence-frame.ts';
import { defaultJsonConstraintOptions, type JsonConstraintOptions } from './json-constraint-options.ts';
import type { MatcherState } from './matcher-state.ts';

/** One piece of a grammar: fixed text (optionally skippable) or a JSON value following a schema. */
export type GrammarPart = { text: string; optional?: boolean } | { schema: unknown };

/** A compiled constrained span: its start state and an id that keys its cached masks. */
export interface Grammar {
  /** Unique per compiled grammar in this process. */
  readonly id: number;
  readonly start: MatcherState;
}

let grammarIds = 0;

/**
 * Compiles a sequence of parts (e.g. an optional newline, a JSON value, a closing tag) into a grammar.
 * @throws UnsupportedSchemaError / UnsupportedPatternError for a schema outside the supported subset.
 */
export function compileGrammar(
  parts: readonly GrammarPart[],
  options: Partial<JsonConstraintOptions> = {},
): Grammar {
  const settings = { ...defaultJsonConstraintOptions, ...options };
  const ids: NodeIds = { next: 0 };
  const compiled: SequencePart[] = [];
  for (const part of parts) {
    if ('schema' in part) compiled.push({ kind: 'value', node: compileSchema(part.schema, settings, ids) });
    else if (part.text !== '') {
      compiled.push({
        kind: 'text',
        bytes: new TextEncoder().encode(part.text),
        optional: part.optional === true,
      });
    }
  }
  const start: Stack = SequenceFrame.at({ id: ids.next++, parts: compiled }, 0, null);
  return { id: grammarIds++, start: [start] };
}
