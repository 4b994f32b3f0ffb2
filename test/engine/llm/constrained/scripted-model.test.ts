import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnsupportedSchemaError } from '../../../../engine/llm/constrained/unsupported-schema-error.ts';
import type { ParsedToolCall, ToolCallFormat } from '../../../../engine/llm/tool-call-format.ts';
import { hermesToolCallFormat } from '../../../../engine/llm/tool-calls/hermes-tool-call-format.ts';
import { llama3ToolCallFormat } from '../../../../engine/llm/tool-calls/llama3-tool-call-format.ts';
import { mistralToolCallFormat } from '../../../../engine/llm/tool-calls/mistral-tool-call-format.ts';
import { toolsToConstrainedTools } from '../../../../engine/llm/tool-calls/tools-to-constrained-tools.ts';
import { decodeGreedy, scriptedModel } from './decode-greedy.ts';
import { gpt2Vocabulary } from './gpt2-vocabulary.ts';

const vocabulary = gpt2Vocabulary();
const orderId = z
  .string()
  .regex(/^\d{5}$/)
  .meta({ grounded: 'order_id' });
const commands = {
  create_return: { parameters: z.object({ order_id: orderId, reason: z.string().min(1).max(500) }) },
  get_order_status: { parameters: z.object({ order_id: orderId }) },
  change_quantity: { parameters: z.object({ order_id: orderId, quantity: z.number().int().min(1).max(10) }) },
  track_parcel: {
    parameters: z.object({ carrier: z.enum(['ups', 'dhl']), express: z.boolean().optional() }),
  },
};
/** The conversation mentioned one order. */
const grounded = { order_id: ['45210'] };
const tools = toolsToConstrainedTools(commands, grounded);

/** Whether a parsed call is one the executor would accept: an offered command, valid, grounded, no extra keys. */
function expectValid(call: ParsedToolCall | undefined): void {
  expect(call).toBeDefined();
  const command = commands[call!.name as keyof typeof commands];
  expect(command, `unknown command ${call!.name}`).toBeDefined();
  const result = command.parameters.safeParse(call!.arguments);
  expect(result.success, JSON.stringify(call)).toBe(true);
  expect(Object.keys(call!.arguments).every((key) => key in command.parameters.shape)).toBe(true);
  if ('order_id' in call!.arguments) expect(grounded.order_id).toContain(call!.arguments['order_id']);
}

/** Decodes one call under `format`'s constraint with a model that wants to write `target`. */
function forcedCall(format: ToolCallFormat, target: string, bias?: (token: string) => number) {
  const constraint = format.constraint(tools, vocabulary);
  const result = decodeGreedy(constraint, vocabulary, scriptedModel(vocabulary, target, bias), 800);
  const parsed = format.parse(`${format.opening}${result.text}`);
  return { ...result, parsed };
}

const closers = (token: string) => (/["}\]<]/.test(token) ? -100 : 0);

describe('a scripted model forced toward invalid tool calls, decoded greedily under the constraint (GPT-2 vocabulary)', () => {
  it('the target calls really are invalid without the constraint', () => {
    const parsed = hermesToolCallFormat.parse(
      '<tool_call>\n{"name": "change_quantity", "arguments": {"order_id": "99999", "quantity": "two"}}\n</tool_call>',
    );
    expect(parsed.calls).toHaveLength(1);
    expect(commands.change_quantity.parameters.safeParse(parsed.calls[0]!.arguments).success).toBe(false);
  });

  it('an unknown command becomes a call to an offered one', () => {
    const { parsed, finished } = forcedCall(
      hermesToolCallFormat,
      '\n{"name": "delete_account", "arguments": {"confirm": true}}\n</tool_call>',
    );
    expect(finished).toBe(true);
    expect(parsed.calls).toHaveLength(1);
    expectValid(parsed.calls[0]);
  });

  it('a string where an integer is required becomes an integer in range', () => {
    const { parsed } = forcedCall(
      hermesToolCallFormat,
      '\n{"name": "change_quantity", "arguments": {"order_id": "45210", "quantity": "two"}}\n</tool_call>',
      (token) => (token.startsWith('"') ? 5 : 0),
    );
    expectValid(parsed.calls[0]);
    expect(parsed.calls[0]!.name).toBe('change_quantity');
    expect(typeof parsed.calls[0]!.arguments['quantity']).toBe('number');
  });

  it('an order id the user never mentioned becomes the one they did', () => {
    const { parsed } = forcedCall(
      hermesToolCallFormat,
      '\n{"name": "get_order_status", "arguments": {"order_id": "99999"}}\n</tool_call>',
    );
    expectValid(parsed.calls[0]);
    expect(parsed.calls[0]).toEqual({ name: 'get_order_status', arguments: { order_id: '45210' } });
  });

  it('extra properties are not written', () => {
    const { parsed } = forcedCall(
      hermesToolCallFormat,
      '\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "broken zipper", "refund_to": "card", "priority": "high"}}\n</tool_call>',
    );
    expectValid(parsed.calls[0]);
    expect(parsed.calls[0]).toEqual({
      name: 'create_return',
      arguments: { order_id: '45210', reason: 'broken zipper' },
    });
  });

  it('a model that never closes its string or object is closed at the schema limit', () => {
    const { parsed, finished, tokens } = forcedCall(
      hermesToolCallFormat,
      `\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "${'and then '.repeat(200)}`,
      closers,
    );
    expect(finished).toBe(true);
    expect(tokens).toBeLessThan(800);
    expectValid(parsed.calls[0]);
    expect([...(parsed.calls[0]!.arguments['reason'] as string)].length).toBe(500);
  });

  it('a model that wants to stop mid-call (end-of-text) still completes a valid call', () => {
    const { parsed, finished } = forcedCall(
      hermesToolCallFormat,
      '\n{"name": "track_parcel", "arguments": {"carrier": "',
      (token) => (token === '' ? 50 : 0),
    );
    expect(finished).toBe(true);
    expectValid(parsed.calls[0]);
    expect(['ups', 'dhl']).toContain(parsed.calls[0]!.arguments['carrier']);
  });

  it.each([llama3ToolCallFormat, mistralToolCallFormat])(
    '%s: invalid name, id and extra keys still give a valid call',
    (format) => {
      const key = format.name === 'llama3' ? 'parameters' : 'arguments';
      const call = `{"name": "cancel_everything", "${key}": {"order_id": "12345", "force": true}}`;
      const { parsed, finished } = forcedCall(format, format.name === 'mistral' ? ` [${call}]` : call);
      expect(finished).toBe(true);
      expect(parsed.calls).toHaveLength(1);
      expectValid(parsed.calls[0]);
    },
  );

  it('no call at all when no offered command can be grounded in the conversation', () => {
    const ungrounded = toolsToConstrainedTools(
      { get_order_status: commands.get_order_status, create_return: commands.create_return },
      {},
    );
    expect(ungrounded).toEqual([]);
    expect(() => hermesToolCallFormat.constraint(ungrounded, vocabulary)).toThrow(UnsupportedSchemaError);
  });
});
