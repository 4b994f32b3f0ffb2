import { z } from 'zod';
import { ConfigError } from '../../../core/contracts/errors/config-error.ts';

interface StandardJsonSchemaLike {
  '~standard': { jsonSchema?: { input: (options: { target: string }) => Record<string, unknown> } };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON Schema of a command's parameters, given as a zod 4 schema (`z.toJSONSchema`, input side),
 * another Standard JSON Schema library, or a plain JSON Schema object. Metadata such as
 * `.meta({ grounded: 'order_id' })` is kept as keywords; `$schema` is dropped.
 * @throws ConfigError for anything else, naming `commands.<name>.parameters`.
 */
export function parametersJsonSchema(parameters: unknown, command: string): Record<string, unknown> {
  if (!isRecord(parameters) && typeof parameters !== 'function') {
    throw new ConfigError(
      `commands.${command}.parameters`,
      'a zod schema or a JSON Schema object',
      parameters,
    );
  }
  const candidate = parameters as Record<string, unknown>;
  let schema: Record<string, unknown>;
  if ('_zod' in candidate) {
    schema = z.toJSONSchema(candidate as unknown as z.ZodType, { io: 'input' }) as Record<string, unknown>;
  } else if ('~standard' in candidate) {
    const converter = (candidate as unknown as StandardJsonSchemaLike)['~standard'].jsonSchema;
    if (!converter) {
      throw new ConfigError(
        `commands.${command}.parameters`,
        'a schema that converts to JSON Schema (Standard JSON Schema)',
      );
    }
    schema = converter.input({ target: 'draft-2020-12' });
  } else {
    schema = candidate;
  }
  const { $schema: _dropped, ...rest } = schema;
  return rest;
}
