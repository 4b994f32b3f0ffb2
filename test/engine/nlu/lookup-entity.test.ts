import { describe, expect, it } from 'vitest';
import { createLookupEntityExtractor } from '../../../engine/nlu/lookup-entity.ts';

const city = createLookupEntityExtractor('city', {
  kind: 'lookup',
  values: {
    'new york': ['nyc', 'big apple', 'new york city'],
    york: [],
    'san francisco': ['sf', 'frisco'],
  },
});
const day = createLookupEntityExtractor('day', {
  kind: 'lookup',
  values: { tuesday: ['tue', 'tues'], box: [], city: [] },
});

describe('createLookupEntityExtractor', () => {
  it('matches synonyms and canonical values case-insensitively and returns the canonical value', () => {
    const text = 'From NYC to San  Francisco';
    expect(city.extract(text)).toEqual([
      { entity: 'city', value: 'new york', text: 'NYC', start: 5, end: 8, extractor: 'lookup' },
      {
        entity: 'city',
        value: 'san francisco',
        text: 'San  Francisco',
        start: 12,
        end: 26,
        extractor: 'lookup',
      },
    ]);
  });

  it('prefers the longest phrase', () => {
    expect(city.extract('new york city marathon').map((e) => [e.value, e.text])).toEqual([
      ['new york', 'new york city'],
    ]);
    expect(city.extract('old york').map((e) => e.value)).toEqual(['york']);
  });

  it('matches whole words only', () => {
    expect(city.extract('sfx and nycx or asf')).toEqual([]);
    expect(day.extract('tuesdayish')).toEqual([]);
  });

  it('tolerates plural and possessive endings', () => {
    const found = day.extract("Tuesdays, tue's slot, two boxes, both cities");
    expect(found.map((e) => [e.value, e.text])).toEqual([
      ['tuesday', 'Tuesdays'],
      ['tuesday', "tue's"],
      ['box', 'boxes'],
      ['city', 'cities'],
    ]);
    for (const e of found)
      expect("Tuesdays, tue's slot, two boxes, both cities".slice(e.start, e.end)).toBe(e.text);
  });

  it('finds nothing in a text without the values', () => {
    expect(city.extract('I live in Paris')).toEqual([]);
  });
});
