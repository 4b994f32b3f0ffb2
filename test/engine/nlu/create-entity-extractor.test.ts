import { describe, expect, it } from 'vitest';
import { createEntityExtractor } from '../../../engine/nlu/create-entity-extractor.ts';
import type { EntityDefinition } from '../../../engine/nlu/index.ts';

describe('createEntityExtractor', () => {
  const extractor = createEntityExtractor({
    order_id: { kind: 'regex', pattern: /(?<!\d)\d{5}(?!\d)/ },
    day: { kind: 'lookup', values: { tuesday: ['tue'] } },
    quantity: { kind: 'number' },
    confirm: { kind: 'boolean' },
  });

  it('runs every definition and sorts the results by start offset', () => {
    const text = 'no, order 45210 should come on Tuesdays, two of them';
    const found = extractor.extract(text);
    expect(found.map((e) => [e.entity, e.value, e.start, e.extractor])).toEqual([
      ['confirm', false, 0, 'boolean'],
      ['order_id', '45210', 10, 'regex'],
      ['quantity', 45210, 10, 'number'],
      ['day', 'tuesday', 31, 'lookup'],
      ['quantity', 2, 41, 'number'],
    ]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('returns nothing when nothing is declared or found', () => {
    expect(createEntityExtractor({}).extract('yes 12345')).toEqual([]);
    expect(extractor.extract('hello there')).toEqual([]);
  });

  it('rejects an unknown kind with a ConfigError naming the entity', () => {
    const bad = { kind: 'fuzzy' } as unknown as EntityDefinition;
    expect(() => createEntityExtractor({ city: bad })).toThrow(/entities\.city\.kind/);
  });
});
