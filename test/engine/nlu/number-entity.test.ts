import { describe, expect, it } from 'vitest';
import { createNumberEntityExtractor } from '../../../engine/nlu/number-entity.ts';

const numbers = createNumberEntityExtractor('count');
const values = (text: string) => numbers.extract(text).map((e) => e.value);

describe('createNumberEntityExtractor', () => {
  it('reads digits with decimals, thousands separators and signs', () => {
    expect(values('3 items at 12.5 each, 1,200 in total, -4 degrees')).toEqual([3, 12.5, 1200, -4]);
    expect(values('order 45210')).toEqual([45210]);
  });

  it('reports exact spans', () => {
    const text = 'about 1,200 or twenty-one';
    const found = numbers.extract(text);
    expect(found).toEqual([
      { entity: 'count', value: 1200, text: '1,200', start: 6, end: 11, extractor: 'number' },
      { entity: 'count', value: 21, text: 'twenty-one', start: 15, end: 25, extractor: 'number' },
    ]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('reads English number words', () => {
    expect(values('three')).toEqual([3]);
    expect(values('twenty one')).toEqual([21]);
    expect(values('a hundred')).toEqual([100]);
    expect(values('one hundred and five')).toEqual([105]);
    expect(values('two thousand three hundred forty')).toEqual([2340]);
    expect(values('Nineteen')).toEqual([19]);
    expect(values('a dozen eggs')).toEqual([12]);
    expect(values('one million two hundred thousand')).toEqual([1_200_000]);
    expect(values('zero')).toEqual([0]);
  });

  it('splits words that cannot form one number', () => {
    expect(values('one two three')).toEqual([1, 2, 3]);
    expect(values('twenty thirty')).toEqual([20, 30]);
    expect(values('five and six')).toEqual([5, 6]);
  });

  it('combines digits with a scale word', () => {
    expect(values('5 thousand dollars')).toEqual([5000]);
    expect(values('2.5 million')).toEqual([2_500_000]);
  });

  it('ignores digits inside words and "a" without a scale', () => {
    expect(values('mp3 v2 covid19')).toEqual([]);
    expect(values('a cat and an apple')).toEqual([]);
    expect(values('1.2.3')).toEqual([]);
  });

  it('sorts digits and words by position', () => {
    expect(values('two adults and 3 kids and four dogs')).toEqual([2, 3, 4]);
  });
});
