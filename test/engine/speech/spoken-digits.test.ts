import { describe, expect, it } from 'vitest';
import { spokenDigitsToText } from '../../../engine/speech/spoken-digits.ts';

describe('spokenDigitsToText', () => {
  it('writes numbers read out the ways people read them as digits', () => {
    const cases: Record<string, string> = {
      'four five two one zero': '45210',
      'four five two one oh': '45210',
      'forty five thousand two hundred ten': '45210',
      'forty-five thousand two hundred and ten': '45210',
      'twelve thousand three hundred forty five': '12345',
      'forty five two ten': '45210',
      'twelve three forty five': '12345',
      'double five': '55',
      'four double five one two': '45512',
      'nine triple oh one': '90001',
      'two thousand and five': '2005',
      'a hundred': '100',
      'one hundred thousand': '100000',
    };
    for (const [spoken, digits] of Object.entries(cases)) expect(spokenDigitsToText(spoken), spoken).toBe(digits);
  });

  it('rewrites the number inside a sentence and leaves the words around it', () => {
    expect(spokenDigitsToText('my order number is forty five thousand two hundred and ten thanks')).toBe('my order number is 45210 thanks');
    expect(spokenDigitsToText('track four five two one zero please')).toBe('track 45210 please');
    expect(spokenDigitsToText('forty five thousand two hundred and ten and twelve')).toBe('45210 and twelve');
  });

  it('leaves small numbers and words that only look like numbers as typed text has them', () => {
    for (const text of ['i want to return one item', 'for two people', 'a room for three', 'have a good one', 'twenty five', 'five thirty', 'oh', 'one and two', 'it is double', 'and'])
      expect(spokenDigitsToText(text), text).toBe(text);
    expect(spokenDigitsToText('one', 1)).toBe('1');
    expect(spokenDigitsToText('oh', 1)).toBe('oh');
  });
});
