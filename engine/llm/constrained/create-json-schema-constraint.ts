import type { Vocabulary } from '../vocabulary.ts';
import { compileGrammar } from './grammar.ts';
import { cachedGrammar } from './grammar-cache.ts';
import { GrammarConstraint } from './grammar-constraint.ts';
import { defaultJsonConstraintOptions, type JsonConstraintOptions } from './json-constraint-options.ts';

/**
 * A token constraint that lets a model write exactly one JSON document valid against `schema` (the subset
 * of `compileSchema`: objects, strings with enum/const/pattern/lengths, numbers with bounds, booleans,
 * null, arrays, anyOf/oneOf, local $refs). Objects are written with their properties in schema order.
 * `finished` turns true once the document is complete and nothing can extend it, so a top-level number
 * runs until its length limit: wrap scalars in an object or array.
 * @throws UnsupportedSchemaError / UnsupportedPatternError for a schema outside the subset.
 * @example
 * const constraint = createJsonSchemaConstraint({ type: 'object', properties: { city: { type: 'string' } },
 *   required: ['city'] }, vocabulary);
 */
export function createJsonSchemaConstraint(
  schema: unknown,
  vocabulary: Vocabulary,
  options: Partial<JsonConstraintOptions> = {},
): GrammarConstraint {
  const settings = { ...defaultJsonConstraintOptions, ...options };
  const key = JSON.stringify(['json', schema, settings]);
  return new GrammarConstraint(
    cachedGrammar(key, () => compileGrammar([{ schema }], settings)),
    vocabulary,
  );
}
