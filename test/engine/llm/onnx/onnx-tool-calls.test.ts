import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LanguageModelEvent, ToolDefinition } from '../../../../engine/llm/language-model.ts';
import {
  createOnnxLanguageModel,
  type OnnxLanguageModel,
} from '../../../../engine/llm/onnx/create-onnx-language-model.ts';
import type { DecodeEvent, DecodeTools } from '../../../../engine/llm/onnx/decode-tokens.ts';
import { OnnxGenerator } from '../../../../engine/llm/onnx/onnx-generator.ts';
import type { TokenConstraint } from '../../../../engine/llm/token-constraint.ts';
import type { ToolCallFormat } from '../../../../engine/llm/tool-call-format.ts';
import type { Vocabulary } from '../../../../engine/llm/vocabulary.ts';
import {
  collect,
  finishOf,
  getOrderStatusTool,
  helloMessages,
  referencePrompt,
  textOf,
  tinyLlamaDir,
} from './tiny-llama.ts';

/** A hand-written constraint: only tokens that continue `target` byte for byte. */
function literalConstraint(target: string, vocabulary: Vocabulary): TokenConstraint {
  const want = new TextEncoder().encode(target);
  let at = 0;
  const fits = (bytes: Uint8Array) =>
    bytes.length > 0 && at + bytes.length <= want.length && bytes.every((b, i) => b === want[at + i]);
  return {
    mask: () =>
      Uint8Array.from({ length: vocabulary.size }, (_, id) =>
        !vocabulary.isSpecial(id) && fits(vocabulary.bytes(id)) ? 1 : 0,
      ),
    advance(id) {
      if (!fits(vocabulary.bytes(id))) throw new Error(`token ${id} breaks the constraint`);
      at += vocabulary.bytes(id).length;
    },
    get finished() {
      return at === want.length;
    },
  };
}

/** A Hermes-like format of our own, whose constraint writes one fixed call. */
function fixedCallFormat(call: string, vocabulary: Vocabulary): ToolCallFormat {
  return {
    name: 'hermes',
    opening: '<tool_call>',
    parse(output) {
      const body = /<tool_call>([\s\S]*?)<\/tool_call>/.exec(output)?.[1];
      if (!body) return { text: output, calls: [] };
      const parsed = JSON.parse(body) as { name: string; arguments: Record<string, unknown> };
      return { text: output.slice(0, output.indexOf('<tool_call>')), calls: [parsed] };
    },
    constraint: () => literalConstraint(`\n${call}\n</tool_call>`, vocabulary),
  };
}

const toolCalls = (events: readonly (DecodeEvent | LanguageModelEvent)[]) =>
  events.filter((e) => e.type === 'tool-call');

describe('tool calls under a constraint', () => {
  let generator: OnnxGenerator;
  let model: OnnxLanguageModel;
  const asked = referencePrompt('tool-call');
  const forced = '{"name": "get_order_status", "arguments": {"order_id": "45210"}}';

  beforeAll(async () => {
    generator = await OnnxGenerator.load({
      modelDir: tinyLlamaDir,
      device: 'cpu',
      autoDevices: [],
      intraOpThreads: 1,
    });
    model = await createOnnxLanguageModel({ modelDir: tinyLlamaDir });
  });
  afterAll(() => model.close());

  const decodeWith = async (choice: DecodeTools['choice']) => {
    const { vocabulary, tokenizer } = generator.model;
    const tools: DecodeTools = {
      format: fixedCallFormat(forced, vocabulary),
      constraint: () => literalConstraint(`\n${forced}\n</tool_call>`, vocabulary),
      choice,
      openingIds: tokenizer.encode('<tool_call>', { add_special_tokens: false }),
    };
    const events: DecodeEvent[] = [];
    const settings = { maxTokens: 80, temperature: 0, topP: 1, seed: 0, stop: [], tools };
    for await (const event of generator.decode(asked.promptIds, settings, () => false)) events.push(event);
    return events;
  };

  test('the model opens a call by itself; the constraint then decides every token after the opening', async () => {
    expect(generator.model.tokenizer.decode([asked.continuationIds[0]!])).toBe('<tool_call>');
    const events = await decodeWith('auto');
    // The user asked about 12345; only the constraint can make the model write 45210.
    expect(toolCalls(events)).toEqual([
      { type: 'tool-call', name: 'get_order_status', arguments: { order_id: '45210' } },
    ]);
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'tool-calls' });
  });

  test('"required" forces the opening before the first token', async () => {
    const events = await decodeWith('required');
    const ids = events.flatMap((e) => (e.type === 'token' ? [e.id] : []));
    expect(generator.model.tokenizer.decode(ids.slice(0, 1))).toBe('<tool_call>');
    expect(toolCalls(events)).toHaveLength(1);
  });

  test('"none" never opens a call, even where the model would', async () => {
    const events = await decodeWith('none');
    expect(toolCalls(events)).toEqual([]);
    expect(textOf(events as LanguageModelEvent[])).not.toContain('<tool_call>');
  });

  test('end to end with the detected Hermes format: the call parses and fits the tool schema', async () => {
    const events = await collect(
      model.stream({ messages: asked.messages, tools: [getOrderStatusTool], maxTokens: 80 }),
    );
    const calls = toolCalls(events);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      name: 'get_order_status',
      arguments: { order_id: expect.stringMatching(/^\d{5}$/) },
    });
    // Where the unconstrained model already wrote a valid id (it copies the user's), the constraint keeps it.
    const unconstrained = /"order_id": "(\d{5})"/.exec(asked.continuationText)?.[1];
    if (unconstrained) expect(calls[0]).toMatchObject({ arguments: { order_id: unconstrained } });
    expect(Object.keys((calls[0] as { arguments: object }).arguments)).toEqual(['order_id']);
    expect(finishOf(events).reason).toBe('tool-calls');
    expect(textOf(events)).toBe('');
  });

  test('end to end: a grounded enum leaves the model one valid order id', async () => {
    const grounded: ToolDefinition = {
      ...getOrderStatusTool,
      parameters: {
        type: 'object',
        properties: { order_id: { type: 'string', enum: ['61580'] } },
        required: ['order_id'],
      },
    };
    const events = await collect(
      model.stream({ messages: asked.messages, tools: [grounded], maxTokens: 80 }),
    );
    expect(toolCalls(events)).toEqual([
      { type: 'tool-call', name: 'get_order_status', arguments: { order_id: '61580' } },
    ]);
  });

  test('end to end: "required" makes even small talk a valid call', async () => {
    const events = await collect(
      model.stream({
        messages: helloMessages,
        tools: [getOrderStatusTool],
        toolChoice: 'required',
        maxTokens: 80,
      }),
    );
    expect(toolCalls(events)).toEqual([
      {
        type: 'tool-call',
        name: 'get_order_status',
        arguments: { order_id: expect.stringMatching(/^\d{5}$/) },
      },
    ]);
  });

  test('end to end: with tools offered, a plain reply streams as text and the opening is never shown', async () => {
    const replied = referencePrompt('tool-result');
    const events = await collect(
      model.stream({ messages: replied.messages, tools: [getOrderStatusTool], maxTokens: 40 }),
    );
    expect(toolCalls(events)).toEqual([]);
    expect(textOf(events).length).toBeGreaterThan(5);
    expect(textOf(events)).not.toContain('<tool_call>');
  });
});
