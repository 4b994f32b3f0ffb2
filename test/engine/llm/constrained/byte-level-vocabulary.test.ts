import { decode, encode } from 'gpt-3-encoder';
import { describe, expect, it } from 'vitest';
import { createByteLevelVocabulary } from '../../../../engine/llm/constrained/byte-level-vocabulary.ts';
import { gpt2Vocabulary } from './gpt2-vocabulary.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('createByteLevelVocabulary', () => {
  it('maps GPT-2 tokens back to the bytes they write', () => {
    const vocabulary = gpt2Vocabulary();
    expect(vocabulary.size).toBe(50257);
    const sample = 'Return order 45210: "the zipper broke" — día\n\t{"a": 1}';
    const ids = encode(sample);
    const bytes = ids.flatMap((id) => [...vocabulary.bytes(id)]);
    expect(text(Uint8Array.from(bytes))).toBe(sample);
    expect(decode(ids)).toBe(sample);
    expect(text(vocabulary.bytes(encode(' hello')[0]!))).toBe(' hello');
  });

  it('marks <|endoftext|> special with no bytes', () => {
    const vocabulary = gpt2Vocabulary();
    expect(vocabulary.isSpecial(50256)).toBe(true);
    expect(vocabulary.bytes(50256).length).toBe(0);
    expect(vocabulary.isSpecial(0)).toBe(false);
  });

  it('keeps added plain-text tokens literal and treats holes and unmappable tokens as special', () => {
    const vocabulary = createByteLevelVocabulary({
      tokens: { a: 0, Ġb: 1, 'x☃': 3 },
      specialTokens: ['<|im_end|>'],
      addedTokens: { '</tool_call>': 4, '<|im_end|>': 5 },
    });
    expect(vocabulary.size).toBe(6);
    expect(text(vocabulary.bytes(1))).toBe(' b');
    expect(text(vocabulary.bytes(4))).toBe('</tool_call>');
    expect([2, 3, 5].map((id) => vocabulary.isSpecial(id))).toEqual([true, true, true]);
    expect(vocabulary.isSpecial(4)).toBe(false);
  });
});
