import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJsonSchemaMatcher } from '../../../../engine/llm/constrained/json-schema-matcher.ts';
import { toolsToConstrainedTools } from '../../../../engine/llm/tool-calls/tools-to-constrained-tools.ts';

const orderId = z
  .string()
  .regex(/^\d{5}$/)
  .meta({ grounded: 'order_id' });
const commands = {
  create_return: { parameters: z.object({ order_id: orderId, reason: z.string().min(1).max(500) }) },
  get_order_status: {
    parameters: z.object({ order_id: orderId, email: z.email().meta({ grounded: 'email' }).optional() }),
  },
  track_parcel: { parameters: z.object({ carrier: z.enum(['ups', 'dhl']) }) },
};

describe('toolsToConstrainedTools', () => {
  it('turns zod parameters into JSON Schema and grounded properties into an enum of the extracted values', () => {
    const tools = toolsToConstrainedTools(commands, { order_id: ['45210', '45211'] });
    expect(tools.map((t) => t.name)).toEqual(['create_return', 'get_order_status', 'track_parcel']);
    const createReturn = tools[0]!.parameters as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(createReturn.properties['order_id']).toEqual({ type: 'string', enum: ['45210', '45211'] });
    expect(createReturn.properties['reason']).toMatchObject({ type: 'string', minLength: 1, maxLength: 500 });
    expect(createReturn.required).toEqual(['order_id', 'reason']);
    expect(tools[0]!.parameters['$schema']).toBeUndefined();
  });

  it('keeps only extracted values that pass the property schema (five digits here)', () => {
    const tools = toolsToConstrainedTools(
      { get_order_status: commands.get_order_status },
      { order_id: ['4521', '45210', '45210', 'abcde'] },
    );
    const matcher = createJsonSchemaMatcher(tools[0]!.parameters);
    expect(
      (tools[0]!.parameters as { properties: Record<string, { enum: string[] }> }).properties['order_id']!
        .enum,
    ).toEqual(['45210']);
    expect(matcher.push('{"order_id": "45210"}')).toBe(true);
    expect(createJsonSchemaMatcher(tools[0]!.parameters).push('{"order_id": "45211"')).toBe(false);
  });

  it('drops a command whose required grounded property has no value, and an optional one just loses the property', () => {
    const none = toolsToConstrainedTools(commands, {});
    expect(none.map((t) => t.name)).toEqual(['track_parcel']);
    const withOrder = toolsToConstrainedTools(commands, { order_id: ['45210'] });
    const status = withOrder.find((t) => t.name === 'get_order_status')!.parameters as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(status.properties)).toEqual(['order_id']);
    const withEmail = toolsToConstrainedTools(commands, {
      order_id: ['45210'],
      email: ['ann@example.com', 'not an email'],
    });
    const statusWithEmail = withEmail.find((t) => t.name === 'get_order_status')!.parameters as {
      properties: Record<string, { enum?: string[] }>;
    };
    expect(statusWithEmail.properties['email']!.enum).toEqual(['ann@example.com']);
  });

  it('accepts plain JSON Schema and a list of commands, grounding nested and numeric values', () => {
    const tools = toolsToConstrainedTools(
      [
        {
          name: 'ship',
          parameters: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  properties: { sku: { type: 'integer', grounded: 'sku' } },
                  required: ['sku'],
                },
              },
            },
            required: ['items'],
          },
        },
      ],
      { sku: ['1001', 'x', '1002'] },
    );
    const items = (
      tools[0]!.parameters as { properties: { items: { items: { properties: { sku: unknown } } } } }
    ).properties.items;
    expect(items.items.properties.sku).toEqual({ type: 'integer', enum: [1001, 1002] });
    expect(toolsToConstrainedTools([{ name: 'ship', parameters: tools[0]!.parameters }], {}).length).toBe(1);
    expect(
      toolsToConstrainedTools(
        [
          {
            name: 'ship',
            parameters: {
              type: 'object',
              properties: { sku: { type: 'integer', grounded: 'sku' } },
              required: ['sku'],
            },
          },
        ],
        {},
      ),
    ).toEqual([]);
  });

  it('names the command when its parameters are not a schema', () => {
    expect(() => toolsToConstrainedTools([{ name: 'broken', parameters: 42 }])).toThrow(
      /commands\.broken\.parameters/,
    );
  });
});
