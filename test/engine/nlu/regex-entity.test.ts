import { describe, expect, it } from 'vitest';
import { createRegexEntityExtractor } from '../../../engine/nlu/regex-entity.ts';

describe('createRegexEntityExtractor', () => {
  it('returns every match with its span, even without the g flag', () => {
    const extractor = createRegexEntityExtractor('order_id', {
      kind: 'regex',
      pattern: /(?<!\d)\d{5}(?!\d)/,
    });
    const text = 'orders 12345 and 45210, not 123456';
    expect(extractor.extract(text)).toEqual([
      { entity: 'order_id', value: '12345', text: '12345', start: 7, end: 12, extractor: 'regex' },
      { entity: 'order_id', value: '45210', text: '45210', start: 17, end: 22, extractor: 'regex' },
    ]);
  });

  it('extracts a capture group with its own span', () => {
    const extractor = createRegexEntityExtractor('order_id', {
      kind: 'regex',
      pattern: /order\s+#?(\d+)/i,
      group: 1,
    });
    const [found] = extractor.extract('Re: ORDER #778 is late');
    expect(found).toMatchObject({ value: '778', start: 11, end: 14 });
    expect('Re: ORDER #778 is late'.slice(found!.start, found!.end)).toBe(found!.text);
  });

  it('keeps the pattern flags and does not share lastIndex between calls', () => {
    const pattern = /[a-z]+@[a-z]+\.com/gi;
    const extractor = createRegexEntityExtractor('email', { kind: 'regex', pattern });
    expect(extractor.extract('Mail ME@X.com')).toHaveLength(1);
    expect(extractor.extract('Mail ME@X.com')).toHaveLength(1);
    expect(pattern.lastIndex).toBe(0);
  });

  it('skips empty matches and groups that did not take part', () => {
    const extractor = createRegexEntityExtractor('x', { kind: 'regex', pattern: /a(b)?|\d*/, group: 1 });
    expect(extractor.extract('a ab 1')).toEqual([
      { entity: 'x', value: 'b', text: 'b', start: 3, end: 4, extractor: 'regex' },
    ]);
  });

  it('rejects a group the pattern does not have', () => {
    expect(() => createRegexEntityExtractor('x', { kind: 'regex', pattern: /(a)/, group: 2 })).toThrow(
      /entities\.x\.group/,
    );
  });
});
