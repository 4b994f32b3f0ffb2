import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../../../engine/llm/constrained/compile-schema.ts';
import { defaultJsonConstraintOptions } from '../../../../engine/llm/constrained/json-constraint-options.ts';
import { UnsupportedSchemaError } from '../../../../engine/llm/constrained/unsupported-schema-error.ts';

const compile = (schema: unknown) => compileSchema(schema, defaultJsonConstraintOptions);

describe('compileSchema', () => {
  it.each([
    [
      { type: 'object', properties: { a: { type: 'string', not: { const: 'x' } } } },
      '#/properties/a',
      'keyword "not"',
    ],
    [{ type: 'string', if: {} }, '#', 'keyword "if"'],
    [{ type: 'array', prefixItems: [] }, '#', 'keyword "prefixItems"'],
    [{ type: 'array', items: { type: 'string' }, uniqueItems: true }, '#/uniqueItems', 'uniqueItems'],
    [{ type: 'number', multipleOf: 0.5 }, '#/multipleOf', 'multipleOf'],
    [{ type: 'string', minimum: 1 }, '#', 'does not apply'],
    [{ type: 'date' }, '#/type', 'unknown type'],
    [{ allOf: [{ type: 'string' }, { maxLength: 2 }] }, '#', 'allOf'],
    [{ $ref: 'https://example.com/schema' }, '#', 'local $refs'],
  ])('rejects unsupported %j at %s', (schema, path, reason) => {
    expect(() => compile(schema)).toThrow(UnsupportedSchemaError);
    try {
      compile(schema);
    } catch (error) {
      expect((error as UnsupportedSchemaError).path).toBe(path);
      expect((error as Error).message).toContain(reason);
      expect((error as Error).name).toBe('UnsupportedSchemaError');
    }
  });

  it.each([
    [{ enum: [] }, 'empty enum'],
    [{ type: 'string', enum: [1, 2] }, 'empty enum'],
    [{ type: 'string', minLength: 5, maxLength: 2 }, 'above maxLength'],
    [{ type: 'string', pattern: '^\\d{5}$', maxLength: 4 }, 'no string of the allowed length'],
    [{ type: 'integer', minimum: 1.2, maximum: 1.8 }, 'no number'],
    [{ type: 'array', minItems: 3, maxItems: 2 }, 'above maxItems'],
    [false, 'allows no value'],
    [{ type: 'object', required: ['x'], additionalProperties: false }, 'not allowed by additionalProperties'],
  ])('rejects unsatisfiable %j', (schema, reason) => {
    expect(() => compile(schema)).toThrow(reason);
  });

  it('ignores annotations and keywords that only widen (format, grounded, nullable, descriptions)', () => {
    const node = compile({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'string',
      format: 'email',
      description: 'where to write',
      grounded: 'email',
      nullable: true,
      examples: ['a@b.c'],
    });
    expect(node.kind).toBe('string');
  });
});
