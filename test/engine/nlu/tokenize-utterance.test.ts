import { describe, expect, it } from 'vitest';
import { tokenizeUtterance } from '../../../engine/nlu/tokenize-utterance.ts';

describe('tokenizeUtterance', () => {
  it('lower-cases, applies NFKC and drops punctuation and apostrophes', () => {
    expect(tokenizeUtterance("Where's MY order?!")).toEqual(['wheres', 'my', 'order']);
    expect(tokenizeUtterance('ＨＥＬＬＯ，world…')).toEqual(['hello', 'world']);
    expect(tokenizeUtterance('I’m  here\t\nnow')).toEqual(['im', 'here', 'now']);
    expect(tokenizeUtterance('Clásicos café')).toEqual(['clásicos', 'café']);
  });

  it('maps long digit runs to a placeholder of their length and keeps short numbers', () => {
    expect(tokenizeUtterance('order 12345')).toEqual(tokenizeUtterance('order 45210'));
    expect(tokenizeUtterance('order 12345')).toEqual(['order', '<num5>']);
    expect(tokenizeUtterance('1,200 items in 3 boxes')).toEqual(['<num4>', 'items', 'in', '3', 'boxes']);
    expect(tokenizeUtterance('room 42', { longNumberMinDigits: 2 })).toEqual(['room', '<num2>']);
  });

  it('splits letters from digits', () => {
    expect(tokenizeUtterance('at 5pm')).toEqual(['at', '5', 'pm']);
  });

  it('returns nothing for text without letters or digits', () => {
    expect(tokenizeUtterance('')).toEqual([]);
    expect(tokenizeUtterance(' ?! 🍕 ')).toEqual([]);
  });
});
