import { describe, expect, it } from 'vitest';
import { createJsonSchemaMatcher } from '../../../../engine/llm/constrained/json-schema-matcher.ts';

type Verdict = 'complete' | 'prefix' | 'invalid';

function verdict(schema: unknown, text: string, options = {}): Verdict {
  const matcher = createJsonSchemaMatcher(schema, options);
  if (!matcher.push(text)) return 'invalid';
  return matcher.complete ? 'complete' : 'prefix';
}

function expectVerdicts(schema: unknown, cases: Record<string, Verdict>, options = {}) {
  for (const [text, expected] of Object.entries(cases)) {
    expect({ text, verdict: verdict(schema, text, options) }).toEqual({ text, verdict: expected });
  }
}

describe('createJsonSchemaMatcher', () => {
  it('writes required properties in schema order, lets optional ones be skipped, and allows no others', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'boolean' } },
      required: ['a', 'c'],
      additionalProperties: false,
    };
    expectVerdicts(schema, {
      '{"a": "x", "b": 1, "c": true}': 'complete',
      '{"a":"x","c":false}': 'complete',
      '{"a": "x"': 'prefix',
      '{"a": "x"}': 'invalid',
      '{"c": true, "a": "x"}': 'invalid',
      '{"a": "x", "d": 1': 'invalid',
      '{"a": "x", "b": 1, "b": 2': 'invalid',
      '{}': 'invalid',
      '{"a" : "x"': 'invalid',
    });
  });

  it('treats objects without additionalProperties as closed too (never invents keys)', () => {
    expectVerdicts(
      { type: 'object', properties: { a: { type: 'null' } } },
      {
        '{}': 'complete',
        '{"a": null}': 'complete',
        '{"z": 1}': 'invalid',
      },
    );
  });

  it('allows one space after ":" and "," in compact mode and none in "none" mode', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'array', items: { type: 'integer' } } },
      required: ['a'],
    };
    expectVerdicts(schema, {
      '{"a": [1, 2]}': 'complete',
      '{"a":[1,2]}': 'complete',
      '{"a":  [1]}': 'invalid',
      '{ "a": [1]}': 'invalid',
      '{"a": [ 1]}': 'invalid',
    });
    expectVerdicts(schema, { '{"a":[1,2]}': 'complete', '{"a": [1]}': 'invalid' }, { whitespace: 'none' });
  });

  it('checks string length in characters, escapes and UTF-8', () => {
    const schema = { type: 'string', minLength: 2, maxLength: 4 };
    expectVerdicts(schema, {
      '"ab"': 'complete',
      '"a"': 'invalid',
      '"abcd"': 'complete',
      '"abcde': 'invalid',
      '"héé"': 'complete',
      '"日本語"': 'complete',
      '"\\n\\"\\u00e9"': 'complete',
      '"\\x': 'invalid',
      '"\\u12G': 'invalid',
      '"a\nb"': 'invalid',
    });
    const matcher = createJsonSchemaMatcher({ type: 'string' });
    expect(matcher.push(Uint8Array.from([0x22, 0xe6, 0x97]))).toBe(true);
    expect(matcher.push(Uint8Array.from([0x22]))).toBe(false);
    expect(createJsonSchemaMatcher({ type: 'string' }).push(Uint8Array.from([0x22, 0xc0, 0x80]))).toBe(false);
    expect(createJsonSchemaMatcher({ type: 'string' }).push(Uint8Array.from([0x22, 0xed, 0xa0]))).toBe(false);
  });

  it('counts minLength in code points and maxLength in UTF-16 units, so zod and JSON Schema both agree', () => {
    expectVerdicts(
      { type: 'string', maxLength: 2 },
      { '"😀"': 'complete', '"😀a': 'invalid', '"éa"': 'complete' },
    );
    expectVerdicts({ type: 'string', minLength: 2 }, { '"😀"': 'invalid', '"😀a"': 'complete' });
    expectVerdicts(
      { type: 'string' },
      { '"\\u00e9\\uD7FF"': 'complete', '"\\ud83d': 'invalid', '"\\uDC00': 'invalid' },
    );
  });

  it('caps strings without maxLength at maxStringLength', () => {
    expect(verdict({ type: 'string' }, `"${'x'.repeat(10)}"`, { maxStringLength: 10 })).toBe('complete');
    expect(verdict({ type: 'string' }, `"${'x'.repeat(11)}`, { maxStringLength: 10 })).toBe('invalid');
  });

  it('matches enums and consts exactly, of strings, numbers and mixed values', () => {
    expectVerdicts(
      { enum: ['red', 'green', 1, 12, null] },
      {
        '"red"': 'complete',
        '"gre': 'prefix',
        '"blue"': 'invalid',
        '1': 'complete',
        '12': 'complete',
        '123': 'invalid',
        null: 'complete',
        '"red "': 'invalid',
      },
    );
    expectVerdicts({ type: 'string', enum: ['a', 'b', 3] }, { '"a"': 'complete', '3': 'invalid' });
    expectVerdicts({ const: 'create_return' }, { '"create_return"': 'complete', '"create"': 'invalid' });
  });

  it('applies string patterns to the decoded characters', () => {
    const schema = { type: 'string', pattern: '^[a-z]+(-[a-z]+)*$' };
    expectVerdicts(schema, {
      '"ab-cd"': 'complete',
      '"ab-"': 'invalid',
      '"ab-c': 'prefix',
      '"Ab': 'invalid',
      '""': 'invalid',
    });
    expectVerdicts({ type: 'string', pattern: '^a"b$' }, { '"a\\"b"': 'complete', '"a\\u0022b"': 'invalid' });
    expectVerdicts(
      { type: 'string', pattern: 'x' },
      { '"abxcd"': 'complete', '"abc"': 'invalid', '"ab': 'prefix' },
    );
  });

  it('combines a pattern with length bounds without dead ends', () => {
    const schema = { type: 'string', pattern: '^\\d+$', maxLength: 3 };
    expectVerdicts(schema, { '"123"': 'complete', '"1234': 'invalid', '"12': 'prefix' });
    const escapeless = createJsonSchemaMatcher({ type: 'string', pattern: '^\\d+$' });
    expect(escapeless.push('"1\\')).toBe(false);
  });

  it('reads integers and numbers as JSON writes them, within bounds', () => {
    expectVerdicts(
      { type: 'integer', minimum: 1, maximum: 10 },
      {
        '1': 'complete',
        '10': 'complete',
        '11': 'invalid',
        '0': 'invalid',
        '-1': 'invalid',
        '1.5': 'invalid',
        '01': 'invalid',
        '1e1': 'invalid',
      },
    );
    expectVerdicts(
      { type: 'number' },
      {
        '-0.5': 'complete',
        '1e-3': 'complete',
        '1E+2': 'complete',
        '1.': 'prefix',
        '.5': 'invalid',
        '-': 'prefix',
        '--1': 'invalid',
        '00': 'invalid',
      },
    );
    expectVerdicts(
      { type: 'number', minimum: 0, exclusiveMaximum: 3 },
      { '2.99': 'complete', '2.': 'prefix', '3': 'invalid', '-0.1': 'invalid' },
    );
    expectVerdicts(
      { type: 'integer', minimum: -20, maximum: -5 },
      { '-5': 'complete', '-1': 'prefix', '-21': 'invalid', '-4': 'invalid', '5': 'invalid' },
    );
  });

  it('stops numbers at maxNumberLength', () => {
    expect(verdict({ type: 'integer' }, '1234', { maxNumberLength: 4 })).toBe('complete');
    expect(verdict({ type: 'integer' }, '12345', { maxNumberLength: 4 })).toBe('invalid');
  });

  it('reads booleans and null', () => {
    expectVerdicts(
      { type: 'boolean' },
      { true: 'complete', fals: 'prefix', false: 'complete', null: 'invalid' },
    );
    expectVerdicts({ type: 'null' }, { null: 'complete', nul: 'prefix', nulll: 'invalid' });
  });

  it('counts array items against minItems and maxItems', () => {
    const schema = { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 2 };
    expectVerdicts(schema, {
      '[]': 'invalid',
      '[1]': 'complete',
      '[1, 2]': 'complete',
      '[1, 2,': 'invalid',
      '[1,': 'prefix',
      '[1,]': 'invalid',
    });
  });

  it('nests objects and arrays', () => {
    const schema = {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
            required: ['sku', 'qty'],
          },
        },
      },
      required: ['items'],
    };
    expectVerdicts(schema, {
      '{"items": [{"sku": "A1", "qty": 2}, {"sku": "B", "qty": 1}]}': 'complete',
      '{"items": [{"sku": "A1", "qty": 0': 'invalid',
      '{"items": [{"sku": "A1"}]}': 'invalid',
    });
  });

  it('runs anyOf / oneOf / type-array alternatives in parallel', () => {
    expectVerdicts(
      { anyOf: [{ type: 'string', maxLength: 2 }, { type: 'integer' }, { type: 'null' }] },
      {
        '"ab"': 'complete',
        '"abc': 'invalid',
        '42': 'complete',
        null: 'complete',
        true: 'invalid',
      },
    );
    const shapes = {
      oneOf: [
        {
          type: 'object',
          properties: { kind: { const: 'a' }, x: { type: 'integer' } },
          required: ['kind', 'x'],
        },
        {
          type: 'object',
          properties: { kind: { const: 'b' }, y: { type: 'string' } },
          required: ['kind', 'y'],
        },
      ],
    };
    expectVerdicts(shapes, {
      '{"kind": "a", "x": 1}': 'complete',
      '{"kind": "b", "y": "z"}': 'complete',
      '{"kind": "a", "y"': 'invalid',
    });
    expectVerdicts({ type: ['string', 'null'] }, { '"x"': 'complete', null: 'complete', '1': 'invalid' });
  });

  it('follows local $refs, recursive ones included', () => {
    const tree = {
      $defs: {
        node: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/node' } },
          },
          required: ['name'],
        },
      },
      $ref: '#/$defs/node',
    };
    expectVerdicts(tree, {
      '{"name": "a", "children": [{"name": "b", "children": []}]}': 'complete',
      '{"name": "a", "children": [{"nam': 'prefix',
    });
  });

  it('reads maps of free keys from additionalProperties', () => {
    const schema = { type: 'object', additionalProperties: { type: 'integer' }, maxProperties: 2 };
    expectVerdicts(schema, {
      '{}': 'complete',
      '{"x": 1, "y": 2}': 'complete',
      '{"x": 1, "y": 2,': 'invalid',
      '{"x": "1"': 'invalid',
    });
  });

  it('reads any JSON value for an empty schema', () => {
    expectVerdicts(
      {},
      { '{"a": [1, {"b": null}], "c": "d"}': 'complete', '[true, 1.5]': 'complete', '{"a" 1': 'invalid' },
    );
  });

  it('is finished only when nothing can extend the document', () => {
    const object = createJsonSchemaMatcher({
      type: 'object',
      properties: { a: { type: 'integer' } },
      required: ['a'],
    });
    object.push('{"a": 1');
    expect(object.finished).toBe(false);
    object.push('}');
    expect(object.finished).toBe(true);
    const number = createJsonSchemaMatcher({ type: 'integer' });
    number.push('12');
    expect([number.complete, number.finished]).toEqual([true, false]);
  });
});
