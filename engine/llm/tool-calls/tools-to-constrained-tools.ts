import type { ConstrainedTool } from '../tool-call-format.ts';
import { type GroundedValues, groundSchema } from './ground-schema.ts';
import { parametersJsonSchema } from './parameters-json-schema.ts';

/** A command offered to the model: its name and parameters (zod 4, Standard JSON Schema or JSON Schema). */
export interface ToolSchemaSource {
  name: string;
  parameters: unknown;
}

/**
 * The tools the constrained decoder enforces for the commands allowed in this dialogue state. Each
 * command's parameters become JSON Schema; properties marked grounded (zod
 * `.meta({ grounded: 'order_id' })`) become an `enum` of the values of that entity extracted in the
 * conversation, so the model can only name an order the user mentioned. A command whose required grounded
 * property has no value yet is left out: it cannot be called validly.
 * @throws ConfigError for parameters that are neither a convertible schema nor a JSON Schema object.
 * @example
 * toolsToConstrainedTools({ create_return: { parameters: z.object({ order_id: z.string().meta({ grounded: 'order_id' }) }) } },
 *   { order_id: ['45210'] })
 */
export function toolsToConstrainedTools(
  commands: readonly ToolSchemaSource[] | Readonly<Record<string, { parameters: unknown }>>,
  groundedValues: GroundedValues = {},
): ConstrainedTool[] {
  const sources: ToolSchemaSource[] = Array.isArray(commands)
    ? [...commands]
    : Object.entries(commands).map(([name, command]) => ({ name, parameters: command.parameters }));
  const tools: ConstrainedTool[] = [];
  for (const source of sources) {
    const grounded = groundSchema(parametersJsonSchema(source.parameters, source.name), groundedValues);
    if (grounded !== null) tools.push({ name: source.name, parameters: grounded as Record<string, unknown> });
  }
  return tools;
}
