import { compareBytes } from './compare-bytes.ts';
import type { JsonConstraintOptions } from './json-constraint-options.ts';
import { compilePattern } from './pattern/compile-pattern.ts';
import type {
  ArrayNode,
  KeyChoice,
  LiteralNode,
  NumberNode,
  ObjectNode,
  ObjectProperty,
  SchemaNode,
  StringNode,
  UnionNode,
} from './schema-node.ts';
import { UnsupportedSchemaError } from './unsupported-schema-error.ts';
import { valueMatchesSchema } from './value-matches-schema.ts';

/** Keywords that say nothing about validity, or only widen it (so never producing what they allow is safe). */
const ignored = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'format',
  'grounded',
  'contentEncoding',
  'contentMediaType',
  'nullable',
  'unevaluatedProperties',
  'propertyNames',
  'discriminator',
]);

/** Keywords each type understands. */
const typeKeywords: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  object: ['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'],
  array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
  boolean: [],
  null: [],
};
const combinators = ['type', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', '$ref'];
const known = new Set([...combinators, ...Object.values(typeKeywords).flat()]);

type JsonSchema = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Allocates node ids; shared by everything compiled into one grammar. */
export interface NodeIds {
  next: number;
}

/**
 * Compiles a JSON Schema (the subset the constrained decoder enforces) into {@link SchemaNode}s.
 * @throws UnsupportedSchemaError naming the path of a keyword that is not enforced, or of a part that no
 *   value can satisfy (an empty `enum`, `minLength` above `maxLength`, ...).
 * @throws UnsupportedPatternError for a `pattern` outside the supported regular-expression subset.
 */
export function compileSchema(
  schema: unknown,
  options: JsonConstraintOptions,
  ids: NodeIds = { next: 0 },
): SchemaNode {
  const root = schema;
  const refs = new Map<string, UnionNode>();
  const spaces = options.whitespace === 'compact';
  let anyNode: UnionNode | null = null;
  const id = () => ids.next++;
  const fail = (path: string, reason: string): never => {
    throw new UnsupportedSchemaError(path, reason);
  };

  const freeString = (): StringNode => ({
    kind: 'string',
    id: id(),
    minLength: 0,
    maxLength: options.maxStringLength,
    pattern: null,
  });
  const literal = (values: readonly unknown[], path: string): LiteralNode => {
    const texts = [...new Set(values.map((value) => JSON.stringify(value)))];
    if (texts.length === 0) fail(path, 'no value satisfies it (empty enum)');
    return { kind: 'literal', id: id(), candidates: texts.map(utf8).sort(compareBytes) };
  };

  const any = (): UnionNode => {
    if (anyNode) return anyNode;
    const node: UnionNode = { kind: 'union', id: id(), alternatives: [] };
    anyNode = node;
    const number: NumberNode = {
      kind: 'number',
      id: id(),
      integer: false,
      minimum: -Infinity,
      maximum: Infinity,
      exclusiveMinimum: false,
      exclusiveMaximum: false,
      maxLength: options.maxNumberLength,
    };
    node.alternatives.push(
      freeString(),
      number,
      literal([true, false, null], '#'),
      {
        kind: 'map',
        id: id(),
        key: freeString(),
        value: node,
        minProperties: 0,
        maxProperties: options.maxItems,
        spaces,
      },
      { kind: 'array', id: id(), items: node, minItems: 0, maxItems: options.maxItems, spaces },
    );
    return node;
  };

  const resolve = (ref: string, path: string): SchemaNode => {
    const cached = refs.get(ref);
    if (cached) return cached;
    if (ref !== '#' && !ref.startsWith('#/'))
      return fail(path, `only local $refs are supported, got "${ref}"`);
    let target: unknown = root;
    for (const token of ref === '#' ? [] : ref.slice(2).split('/')) {
      const name = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
      target = isRecord(target) ? target[name] : undefined;
    }
    if (target === undefined) fail(path, `$ref "${ref}" does not resolve`);
    const node: UnionNode = { kind: 'union', id: id(), alternatives: [] };
    refs.set(ref, node);
    node.alternatives.push(compile(target, ref));
    return node;
  };

  const compile = (schema: unknown, path: string): SchemaNode => {
    if (schema === true) return any();
    if (schema === false) return fail(path, 'the schema `false` allows no value');
    if (!isRecord(schema)) return fail(path, 'a schema must be an object or a boolean');
    const keys = Object.keys(schema).filter((key) => !ignored.has(key));
    for (const key of keys) if (!known.has(key)) fail(path, `keyword "${key}" is not supported`);
    const validating = (except: readonly string[]) => keys.filter((key) => !except.includes(key));

    if (schema['$ref'] !== undefined) {
      if (validating(['$ref']).length > 0) fail(path, '$ref next to other keywords is not supported');
      return resolve(String(schema['$ref']), path);
    }
    if (schema['const'] !== undefined || schema['enum'] !== undefined) {
      const values = schema['const'] !== undefined ? [schema['const']] : schema['enum'];
      if (!Array.isArray(values)) return fail(`${path}/enum`, 'enum must be an array');
      return literal(
        values.filter((value) => valueMatchesSchema(value, schema)),
        path,
      );
    }
    const alternatives = schema['anyOf'] ?? schema['oneOf'];
    if (alternatives !== undefined) {
      const keyword = schema['anyOf'] !== undefined ? 'anyOf' : 'oneOf';
      if (validating([keyword]).length > 0) fail(path, `${keyword} next to other keywords is not supported`);
      if (!Array.isArray(alternatives) || alternatives.length === 0)
        return fail(path, `${keyword} must be a non-empty array`);
      const nodes = alternatives.map((alternative, i) => compile(alternative, `${path}/${keyword}/${i}`));
      return nodes.length === 1 ? nodes[0]! : { kind: 'union', id: id(), alternatives: nodes };
    }
    if (schema['allOf'] !== undefined) {
      const all = schema['allOf'];
      if (!Array.isArray(all) || all.length !== 1 || validating(['allOf']).length > 0) {
        return fail(path, 'allOf is supported only with a single schema');
      }
      return compile(all[0], `${path}/allOf/0`);
    }
    const types = schemaTypes(schema, keys, path);
    if (types.length === 0) return any();
    const nodes = types.map((type) => compileType(type, schema, path));
    return nodes.length === 1 ? nodes[0]! : { kind: 'union', id: id(), alternatives: nodes };
  };

  const schemaTypes = (schema: JsonSchema, keys: readonly string[], path: string): string[] => {
    if (schema['type'] === undefined) {
      return Object.keys(typeKeywords).filter(
        (type) => type !== 'integer' && keys.some((key) => typeKeywords[type]!.includes(key)),
      );
    }
    const types = ([] as unknown[]).concat(schema['type']).map(String);
    for (const type of types) if (!(type in typeKeywords)) fail(`${path}/type`, `unknown type "${type}"`);
    const foreign = keys.filter(
      (key) => !combinators.includes(key) && !types.some((t) => typeKeywords[t]!.includes(key)),
    );
    if (foreign.length > 0) fail(path, `keyword "${foreign[0]}" does not apply to type ${types.join('|')}`);
    return types;
  };

  const compileType = (type: string, schema: JsonSchema, path: string): SchemaNode => {
    switch (type) {
      case 'string':
        return compileString(schema, path);
      case 'number':
      case 'integer':
        return compileNumber(schema, type === 'integer', path);
      case 'boolean':
        return literal([false, true], path);
      case 'null':
        return literal([null], path);
      case 'object':
        return compileObject(schema, path);
      default:
        return compileArray(schema, path);
    }
  };

  const compileString = (schema: JsonSchema, path: string): StringNode => {
    const minLength = count(schema['minLength'], 0, `${path}/minLength`);
    const maxLength = count(schema['maxLength'], options.maxStringLength, `${path}/maxLength`);
    if (minLength > maxLength) fail(path, `minLength ${minLength} is above maxLength ${maxLength}`);
    const pattern = typeof schema['pattern'] === 'string' ? compilePattern(schema['pattern']) : null;
    if (
      pattern &&
      (pattern.minChars[pattern.start]! > maxLength || pattern.maxChars[pattern.start]! < minLength)
    ) {
      fail(path, 'no string of the allowed length matches the pattern');
    }
    return { kind: 'string', id: id(), minLength, maxLength, pattern };
  };

  const compileNumber = (schema: JsonSchema, integer: boolean, path: string): NumberNode => {
    const multipleOf = schema['multipleOf'];
    if (multipleOf !== undefined && !(integer && multipleOf === 1))
      fail(`${path}/multipleOf`, 'multipleOf is not supported');
    const bound = (key: 'minimum' | 'maximum', fallback: number): number => {
      const value = schema[key];
      if (value === undefined) return fallback;
      if (typeof value !== 'number') return fail(`${path}/${key}`, 'must be a number');
      return value;
    };
    let minimum = bound('minimum', Number.NEGATIVE_INFINITY);
    let maximum = bound('maximum', Number.POSITIVE_INFINITY);
    let exclusiveMinimum = schema['exclusiveMinimum'] === true;
    let exclusiveMaximum = schema['exclusiveMaximum'] === true;
    if (typeof schema['exclusiveMinimum'] === 'number' && schema['exclusiveMinimum'] >= minimum) {
      minimum = schema['exclusiveMinimum'];
      exclusiveMinimum = true;
    }
    if (typeof schema['exclusiveMaximum'] === 'number' && schema['exclusiveMaximum'] <= maximum) {
      maximum = schema['exclusiveMaximum'];
      exclusiveMaximum = true;
    }
    const low = integer ? (exclusiveMinimum ? Math.floor(minimum) + 1 : Math.ceil(minimum)) : minimum;
    const high = integer ? (exclusiveMaximum ? Math.ceil(maximum) - 1 : Math.floor(maximum)) : maximum;
    if (low > high || (low === high && !integer && (exclusiveMinimum || exclusiveMaximum))) {
      fail(path, 'no number lies within the bounds');
    }
    return {
      kind: 'number',
      id: id(),
      integer,
      minimum,
      maximum,
      exclusiveMinimum,
      exclusiveMaximum,
      maxLength: options.maxNumberLength,
    };
  };

  const compileObject = (schema: JsonSchema, path: string): SchemaNode => {
    const properties = schema['properties'] ?? {};
    if (!isRecord(properties)) return fail(`${path}/properties`, 'must be an object');
    const required = schema['required'] ?? [];
    if (!Array.isArray(required)) return fail(`${path}/required`, 'must be an array');
    const additional = schema['additionalProperties'];
    const entries: [string, unknown][] = Object.entries(properties);
    for (const name of required.map(String)) {
      if (name in properties) continue;
      if (additional === false)
        fail(path, `required property "${name}" is not allowed by additionalProperties`);
      entries.push([name, isRecord(additional) ? additional : true]);
    }
    if (entries.length === 0 && isRecord(additional)) {
      const minProperties = count(schema['minProperties'], 0, `${path}/minProperties`);
      const maxProperties = count(schema['maxProperties'], options.maxItems, `${path}/maxProperties`);
      const value = compile(additional, `${path}/additionalProperties`);
      return { kind: 'map', id: id(), key: freeString(), value, minProperties, maxProperties, spaces };
    }
    const requiredSet = new Set(required.map(String));
    if (typeof schema['minProperties'] === 'number' && schema['minProperties'] > requiredSet.size) {
      fail(`${path}/minProperties`, 'minProperties above the number of required properties is not supported');
    }
    if (typeof schema['maxProperties'] === 'number' && schema['maxProperties'] < entries.length) {
      fail(`${path}/maxProperties`, 'maxProperties below the number of properties is not supported');
    }
    const list: ObjectProperty[] = entries.map(([name, property]) => ({
      name,
      node: compile(property, `${path}/properties/${name}`),
      required: requiredSet.has(name),
    }));
    const node: ObjectNode = {
      kind: 'object',
      id: id(),
      properties: list,
      keyChoices: keyChoices(list),
      spaces,
    };
    return node;
  };

  const compileArray = (schema: JsonSchema, path: string): ArrayNode => {
    if (schema['uniqueItems'] === true) fail(`${path}/uniqueItems`, 'uniqueItems is not supported');
    const minItems = count(schema['minItems'], 0, `${path}/minItems`);
    const maxItems = count(schema['maxItems'], Math.max(options.maxItems, minItems), `${path}/maxItems`);
    if (minItems > maxItems) fail(path, `minItems ${minItems} is above maxItems ${maxItems}`);
    const items = schema['items'] === undefined ? any() : compile(schema['items'], `${path}/items`);
    return { kind: 'array', id: id(), items, minItems, maxItems, spaces };
  };

  const count = (value: unknown, fallback: number, path: string): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || (value as number) < 0)
      return fail(path, 'must be a non-negative integer');
    return value as number;
  };

  return compile(schema, '#');
}

/** The keys allowed at each property index: that property and the optional ones before the next required. */
function keyChoices(properties: readonly ObjectProperty[]): KeyChoice[] {
  const choices: KeyChoice[] = [];
  for (let i = 0; i <= properties.length; i++) {
    const candidates: { key: Uint8Array; property: number }[] = [];
    let closable = true;
    for (let j = i; j < properties.length; j++) {
      candidates.push({ key: utf8(JSON.stringify(properties[j]!.name)), property: j });
      if (properties[j]!.required) {
        closable = false;
        break;
      }
    }
    candidates.sort((a, b) => compareBytes(a.key, b.key));
    choices.push({
      keys: candidates.map((c) => c.key),
      properties: candidates.map((c) => c.property),
      closable,
    });
  }
  return choices;
}
