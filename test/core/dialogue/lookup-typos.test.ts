import { describe, expect, it } from 'vitest';
import { editDistance, typoAllowance } from '../../../engine/nlu/edit-distance.ts';
import { createLookupEntityExtractor } from '../../../engine/nlu/lookup-entity.ts';

const size = createLookupEntityExtractor('size', { kind: 'lookup', values: { small: [], medium: ['regular'], large: ['big'] } });
const topping = createLookupEntityExtractor('topping', { kind: 'lookup', values: { pepperoni: [], mushrooms: ['mushroom'], 'green peppers': [], ham: [] } });

describe('lookup entities with typos', () => {
  it('scales the allowance with the word length', () => {
    expect([3, 4, 7, 8].map(typoAllowance)).toEqual([0, 1, 1, 2]);
    expect(editDistance('larg', 'large')).toBe(1);
    expect(editDistance('lrage', 'large')).toBe(1);
    expect(editDistance('pepproni', 'pepperoni', 2)).toBe(1);
  });

  it('matches "larg" to large and says what it matched', () => {
    expect(size.extract('a larg one')).toEqual([
      { entity: 'size', value: 'large', text: 'larg', start: 2, end: 6, extractor: 'lookup', matched: 'large', typos: 1 },
    ]);
  });

  it('matches typos in long and multi-word values, and no typo in short ones', () => {
    expect(topping.extract('peperoni and gren peppers').map((e) => [e.value, e.text])).toEqual([
      ['pepperoni', 'peperoni'],
      ['green peppers', 'gren peppers'],
    ]);
    expect(topping.extract('hamm')).toEqual([]);
  });

  it('does not take a common word for a typo, and exact matches carry no typo', () => {
    expect(size.extract('shall we')).toEqual([]);
    expect(size.extract('large')[0]).not.toHaveProperty('matched');
  });

  it('can be turned off', () => {
    const strict = createLookupEntityExtractor('size', { kind: 'lookup', values: { large: [] }, fuzzy: false });
    expect(strict.extract('larg')).toEqual([]);
  });
});
