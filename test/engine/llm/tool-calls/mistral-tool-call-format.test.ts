import { describe, expect, it } from 'vitest';
import { mistralToolCallFormat } from '../../../../engine/llm/tool-calls/mistral-tool-call-format.ts';
import { decodeGreedy, scriptedModel } from '../constrained/decode-greedy.ts';
import { gpt2Vocabulary } from '../constrained/gpt2-vocabulary.ts';
import { trackParcelTools } from './track-parcel-tool.ts';

const parse = mistralToolCallFormat.parse;

describe('mistralToolCallFormat', () => {
  it('reads Mistral v0.3 calls: an array after [TOOL_CALLS], with ids, several at once', () => {
    const output =
      '[TOOL_CALLS] [{"name": "get_order_status", "arguments": {"order_id": "45210"}, "id": "a1B2c3D4e"}, {"name": "get_order_status", "arguments": {"order_id": "45211"}}]</s>';
    const { text, calls } = parse(output);
    expect(text).toBe('');
    expect(calls).toEqual([
      { name: 'get_order_status', arguments: { order_id: '45210' } },
      { name: 'get_order_status', arguments: { order_id: '45211' } },
    ]);
  });

  it('reads the newer [TOOL_CALLS]name[ARGS]{…} form, text before it kept', () => {
    const output =
      'One moment.[TOOL_CALLS]track_parcel[ARGS]{"carrier": "ups"}[TOOL_CALLS]get_order_status[CALL_ID]x1[ARGS]{"order_id": "45210"}';
    const { text, calls } = parse(output);
    expect(text).toBe('One moment.');
    expect(calls.map((c) => c.name)).toEqual(['track_parcel', 'get_order_status']);
  });

  it('gives no call for malformed JSON and keeps the text', () => {
    const output = '[TOOL_CALLS] [{"name": "get_order_status", "arguments": {"order_id": 45210]';
    expect(parse(output)).toEqual({ text: output, calls: [] });
    expect(parse('No tools needed.').calls).toEqual([]);
  });

  it('its constraint writes one call in an array after the marker', () => {
    const vocabulary = gpt2Vocabulary();
    const tools = trackParcelTools;
    const target = ' [{"name": "track_parcel", "arguments": {"carrier": "ups"}}]';
    const result = decodeGreedy(
      mistralToolCallFormat.constraint(tools, vocabulary),
      vocabulary,
      scriptedModel(vocabulary, `${target}, {"name": "x"}]`),
    );
    expect(result).toMatchObject({ text: target, finished: true });
    expect(parse(`[TOOL_CALLS]${result.text}`).calls).toEqual([
      { name: 'track_parcel', arguments: { carrier: 'ups' } },
    ]);
  });
});
