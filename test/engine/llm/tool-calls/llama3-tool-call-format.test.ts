import { describe, expect, it } from 'vitest';
import { llama3ToolCallFormat } from '../../../../engine/llm/tool-calls/llama3-tool-call-format.ts';
import { decodeGreedy, scriptedModel } from '../constrained/decode-greedy.ts';
import { gpt2Vocabulary } from '../constrained/gpt2-vocabulary.ts';
import { trackParcelTools } from './track-parcel-tool.ts';

const parse = llama3ToolCallFormat.parse;

describe('llama3ToolCallFormat', () => {
  it('reads a Llama 3.1 call after <|python_tag|> and an <|eom_id|>', () => {
    const output =
      '<|python_tag|>{"name": "get_order_status", "parameters": {"order_id": "45210"}}<|eom_id|>';
    expect(parse(output)).toEqual({
      text: '',
      calls: [{ name: 'get_order_status', arguments: { order_id: '45210' } }],
    });
  });

  it('reads a bare Llama 3.2 JSON call, and "arguments" as a synonym', () => {
    expect(parse('{"name": "track_parcel", "arguments": {"carrier": "ups"}}').calls).toEqual([
      { name: 'track_parcel', arguments: { carrier: 'ups' } },
    ]);
  });

  it('keeps text around calls and reads several, separated by ";" or given as an array', () => {
    const output = 'Checking both: {"name": "a", "parameters": {"x": 1}}; {"name": "b", "parameters": {}}';
    const { text, calls } = parse(output);
    expect(text).toBe('Checking both:');
    expect(calls.map((c) => c.name)).toEqual(['a', 'b']);
    expect(
      parse('[{"name": "a", "parameters": {}}, {"name": "b", "parameters": {"y": true}}]').calls,
    ).toHaveLength(2);
  });

  it('gives no call for malformed JSON, or JSON that is not a call, and keeps the text', () => {
    const broken = 'Here you go {"name": "get_order_status", "parameters": {"order_id": "45210"}';
    expect(parse(broken)).toEqual({ text: broken, calls: [] });
    const data = 'The config is {"name": "prod", "region": "eu", "nested": {"name": "x", "parameters": {}}}.';
    expect(parse(data)).toEqual({ text: data, calls: [] });
  });

  it('its constraint writes {"name", "parameters"} from the first token and finishes at the closing brace', () => {
    const vocabulary = gpt2Vocabulary();
    const tools = trackParcelTools;
    const target = '{"name": "track_parcel", "parameters": {"carrier": "dhl"}}';
    const result = decodeGreedy(
      llama3ToolCallFormat.constraint(tools, vocabulary),
      vocabulary,
      scriptedModel(vocabulary, target),
    );
    expect(result).toMatchObject({ text: target, finished: true });
    expect(parse(result.text).calls).toEqual([{ name: 'track_parcel', arguments: { carrier: 'dhl' } }]);
  });
});
