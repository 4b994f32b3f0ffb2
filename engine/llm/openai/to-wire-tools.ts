import type { ToolDefinition } from '../language-model.ts';
import type { WireTool } from './openai-wire.ts';

/**
 * Whether OpenAI's strict mode accepts a JSON Schema as it is: every object lists its properties, requires all
 * of them and closes with `additionalProperties: false`, through nested objects, arrays and unions.
 */
export function isStrictCompatible(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' || node.properties !== undefined) {
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    const required = Array.isArray(node.required) ? node.required : [];
    if (node.additionalProperties !== false) return false;
    if (Object.keys(properties).some((key) => !required.includes(key))) return false;
    if (!Object.values(properties).every(isStrictCompatible)) return false;
  }
  if (node.items !== undefined && !isStrictCompatible(node.items)) return false;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches) && !branches.every(isStrictCompatible)) return false;
  }
  return true;
}

/** Tool definitions in the wire format, marked `strict` per the `strictTools` setting. */
export function toWireTools(tools: readonly ToolDefinition[], strictTools: 'auto' | boolean): WireTool[] {
  return tools.map((tool) => {
    const strict = strictTools === 'auto' ? isStrictCompatible(tool.parameters) : strictTools;
    return {
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters,
        ...(strict ? { strict: true } : {}),
      },
    };
  });
}
