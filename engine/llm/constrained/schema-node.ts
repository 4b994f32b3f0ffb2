import type { PatternDfa } from './pattern/pattern-dfa.ts';

/**
 * A compiled schema position, what the matcher's frames interpret. Nodes form a graph (recursive `$ref`s
 * and "any value" point back to themselves); `id` is unique within one grammar and keys matcher states.
 */
export type SchemaNode = StringNode | NumberNode | LiteralNode | ObjectNode | MapNode | ArrayNode | UnionNode;

/**
 * A string with length bounds and an optional pattern automaton. `minLength` is checked against code
 * points (JSON Schema), `maxLength` against UTF-16 units (JavaScript), which satisfies both readings.
 */
export interface StringNode {
  readonly kind: 'string';
  readonly id: number;
  readonly minLength: number;
  readonly maxLength: number;
  readonly pattern: PatternDfa | null;
}

/** A number or integer, with optional bounds (`Infinity` when absent). */
export interface NumberNode {
  readonly kind: 'number';
  readonly id: number;
  readonly integer: boolean;
  readonly minimum: number;
  readonly maximum: number;
  readonly exclusiveMinimum: boolean;
  readonly exclusiveMaximum: boolean;
  /** Longest text, in characters. */
  readonly maxLength: number;
}

/** One of a fixed set of JSON texts (`enum`, `const`, `true`/`false`, `null`), as sorted UTF-8 bytes. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly id: number;
  readonly candidates: readonly Uint8Array[];
}

/** A property of an {@link ObjectNode}. */
export interface ObjectProperty {
  readonly name: string;
  readonly node: SchemaNode;
  readonly required: boolean;
}

/**
 * The keys allowed when the next property to consider is `properties[i]`: that one and the optional ones
 * after it up to the next required one, as sorted encoded keys (`"name"`), and whether `}` may come.
 */
export interface KeyChoice {
  readonly keys: readonly Uint8Array[];
  /** Property index of each key. */
  readonly properties: readonly number[];
  readonly closable: boolean;
}

/** An object with known properties, written in the schema's order; optional ones may be skipped. */
export interface ObjectNode {
  readonly kind: 'object';
  readonly id: number;
  readonly properties: readonly ObjectProperty[];
  /** `keyChoices[i]` for i in 0..properties.length. */
  readonly keyChoices: readonly KeyChoice[];
  /** One optional space after `:` and `,`. */
  readonly spaces: boolean;
}

/** An object of free string keys whose values follow one schema (`additionalProperties: {…}`). */
export interface MapNode {
  readonly kind: 'map';
  readonly id: number;
  readonly key: StringNode;
  readonly value: SchemaNode;
  readonly minProperties: number;
  readonly maxProperties: number;
  readonly spaces: boolean;
}

/** An array whose items follow one schema. */
export interface ArrayNode {
  readonly kind: 'array';
  readonly id: number;
  readonly items: SchemaNode;
  readonly minItems: number;
  readonly maxItems: number;
  readonly spaces: boolean;
}

/** Any of several alternatives (`anyOf`, `oneOf`, `type: [...]`); matched in parallel. */
export interface UnionNode {
  readonly kind: 'union';
  readonly id: number;
  readonly alternatives: SchemaNode[];
}
