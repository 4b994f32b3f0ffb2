import { describe, expect, it } from 'vitest';
import { hermesToolCallFormat } from '../../../../engine/llm/tool-calls/hermes-tool-call-format.ts';
import { decodeGreedy, scriptedModel } from '../constrained/decode-greedy.ts';
import { gpt2Vocabulary } from '../constrained/gpt2-vocabulary.ts';

const parse = hermesToolCallFormat.parse;

describe('hermesToolCallFormat', () => {
  it('reads a Qwen2.5-style call and leaves no text', () => {
    const output =
      '<tool_call>\n{"name": "get_order_status", "arguments": {"order_id": "45210"}}\n</tool_call>';
    expect(parse(output)).toEqual({
      text: '',
      calls: [{ name: 'get_order_status', arguments: { order_id: '45210' } }],
    });
  });

  it('keeps the text before a call and reads several calls', () => {
    const output = [
      'Let me look both orders up.',
      '<tool_call>',
      '{"name": "get_order_status", "arguments": {"order_id": "45210"}}',
      '</tool_call>',
      '<tool_call>',
      '{"name": "get_order_status", "arguments": {"order_id": "45211"}}',
      '</tool_call>',
    ].join('\n');
    const { text, calls } = parse(output);
    expect(text).toBe('Let me look both orders up.');
    expect(calls.map((c) => c.arguments['order_id'])).toEqual(['45210', '45211']);
  });

  it('reads arguments given as a JSON string and a final block without its closing tag', () => {
    const output =
      '<tool_call>\n{"name": "create_return", "arguments": "{\\"order_id\\": \\"45210\\", \\"reason\\": \\"too small\\"}"}';
    expect(parse(output).calls).toEqual([
      { name: 'create_return', arguments: { order_id: '45210', reason: 'too small' } },
    ]);
  });

  it('gives no call for malformed JSON and keeps the text', () => {
    const output =
      'Sure.\n<tool_call>\n{"name": "get_order_status", "arguments": {"order_id": "45210"}\n</tool_call>';
    const { text, calls } = parse(output);
    expect(calls).toEqual([]);
    expect(text).toBe(output);
  });

  it('gives no call for JSON that is not a call', () => {
    expect(parse('<tool_call>\n{"tool": "x"}\n</tool_call>').calls).toEqual([]);
    expect(parse('<tool_call>\n{"name": "x", "arguments": [1]}\n</tool_call>').calls).toEqual([]);
    expect(parse('Just text, no call.')).toEqual({ text: 'Just text, no call.', calls: [] });
  });

  it('its constraint admits the call a well-behaved model writes, and parse reads it back', () => {
    const vocabulary = gpt2Vocabulary();
    const tools = [
      {
        name: 'get_order_status',
        parameters: { type: 'object', properties: { order_id: { enum: ['45210'] } }, required: ['order_id'] },
      },
    ];
    const target = '\n{"name": "get_order_status", "arguments": {"order_id": "45210"}}\n</tool_call>';
    const result = decodeGreedy(
      hermesToolCallFormat.constraint(tools, vocabulary),
      vocabulary,
      scriptedModel(vocabulary, target),
    );
    expect(result).toMatchObject({ text: target, finished: true });
    expect(parse(`<tool_call>${result.text}`).calls).toEqual([
      { name: 'get_order_status', arguments: { order_id: '45210' } },
    ]);
  });
});
