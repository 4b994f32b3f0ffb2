import type { StandardSchemaV1 } from '@standard-schema/spec';
import { ConfigError } from '../core/errors/config-error.ts';

interface JsonSchemaConvertible {
  '~standard': { jsonSchema?: { input: (options: { target: string }) => Record<string, unknown> } };
}

/**
 * The JSON Schema of a command's arguments, for offering the command to a model as a tool. Works with any
 * schema library that implements Standard JSON Schema (zod 4 does); metadata such as zod's
 * `.meta({ grounded: 'order_id' })` is kept as keywords.
 */
export function commandJsonSchema(schema: StandardSchemaV1, command: string): Record<string, unknown> {
  const converter = (schema as unknown as JsonSchemaConvertible)['~standard'].jsonSchema;
  if (!converter) {
    throw new ConfigError(`commands.${command}.parameters`, 'a schema that converts to JSON Schema (Standard JSON Schema, e.g. zod 4)');
  }
  const { $schema: _ignored, ...rest } = converter.input({ target: 'draft-2020-12' });
  return rest;
}
