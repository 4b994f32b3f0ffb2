import { valueMatchesSchema } from '../constrained/value-matches-schema.ts';

type Schema = Record<string, unknown>;

/** Entity values extracted in the conversation, by entity name. */
export type GroundedValues = Readonly<Record<string, readonly (string | number | boolean)[]>>;

const isRecord = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An entity value in the schema's type: numeric strings become numbers where the schema wants one. */
function coerce(value: string | number | boolean, schema: Schema): unknown {
  const types = ([] as unknown[]).concat(schema['type'] ?? []);
  const numeric = types.includes('number') || types.includes('integer');
  if (numeric && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  if (types.includes('string') && typeof value !== 'string') return String(value);
  return value;
}

/**
 * Replaces every subschema marked `grounded: "<entity>"` by an `enum` of the values of that entity found
 * in the conversation (those that pass the subschema's own type, pattern and length rules). Returns null
 * when the schema can no longer be satisfied: a required grounded property without values, directly or
 * through a required parent. Optional properties without values are removed.
 */
export function groundSchema(schema: unknown, values: GroundedValues): unknown {
  if (!isRecord(schema)) return schema;
  if (typeof schema['grounded'] === 'string') {
    const {
      grounded: _g,
      pattern: _p,
      minLength: _min,
      maxLength: _max,
      format: _f,
      enum: _e,
      const: _c,
      ...kept
    } = schema;
    const candidates = (values[schema['grounded']] ?? [])
      .map((value) => coerce(value, schema))
      .filter(
        (value) =>
          valueMatchesSchema(value, schema) &&
          (schema['enum'] === undefined || includes(schema['enum'], value)),
      );
    const unique = [...new Map(candidates.map((value) => [JSON.stringify(value), value])).values()];
    return unique.length === 0 ? null : { ...kept, enum: unique };
  }
  const result: Schema = { ...schema };
  if (isRecord(schema['properties'])) {
    const required = new Set(Array.isArray(schema['required']) ? schema['required'].map(String) : []);
    const properties: Schema = {};
    for (const [name, property] of Object.entries(schema['properties'])) {
      const grounded = groundSchema(property, values);
      if (grounded === null) {
        if (required.has(name)) return null;
        continue;
      }
      properties[name] = grounded;
    }
    result['properties'] = properties;
  }
  if (schema['items'] !== undefined) {
    const items = groundSchema(schema['items'], values);
    if (items === null) {
      if (typeof schema['minItems'] === 'number' && schema['minItems'] > 0) return null;
      result['maxItems'] = 0;
      delete result['minItems'];
    } else {
      result['items'] = items;
    }
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    if (!Array.isArray(schema[keyword])) continue;
    const alternatives = schema[keyword]
      .map((alternative) => groundSchema(alternative, values))
      .filter((a) => a !== null);
    if (alternatives.length === 0) return null;
    result[keyword] = alternatives;
  }
  if (isRecord(schema['additionalProperties'])) {
    const additional = groundSchema(schema['additionalProperties'], values);
    result['additionalProperties'] = additional ?? false;
  }
  return result;
}

function includes(list: unknown, value: unknown): boolean {
  return Array.isArray(list) && list.some((item) => JSON.stringify(item) === JSON.stringify(value));
}
