import { describe, expect, it } from 'vitest';
import { createEntityRecognizer } from '../../../engine/entities/create-entity-recognizer.ts';

const days = {
  monday: ['mon', 'lunes'],
  wednesday: ['wed', 'miércoles'],
  thursday: ['thu', 'jueves'],
};
const recognizer = createEntityRecognizer({
  entities: {
    day: { kind: 'lookup', values: days },
    city: { kind: 'lookup', values: { 'new york': ['nyc', 'nueva york', 'big apple'], london: ['londres'] } },
    order_id: { kind: 'regex', pattern: /(?:order|pedido)\s*#?(\d{5})/i, group: 1 },
  },
});
const found = (text: string, locale: 'en' | 'es') =>
  recognizer.extract(text, { locale }).map((e) => ({ entity: e.entity, value: e.value, text: e.text, source: e.source, ...(e.matched ? { matched: e.matched } : {}) }));

describe('lookup lists and regex entities', () => {
  it('maps synonyms in either language to the canonical value', () => {
    expect(found('flights from NYC to Londres on lunes', 'en')).toEqual([
      { entity: 'city', value: 'new york', text: 'NYC', source: 'lookup' },
      { entity: 'city', value: 'london', text: 'Londres', source: 'lookup' },
      { entity: 'day', value: 'monday', text: 'lunes', source: 'lookup' },
    ]);
    expect(found('¿abrís en Nueva York el miércoles?', 'es')).toEqual([
      { entity: 'city', value: 'new york', text: 'Nueva York', source: 'lookup' },
      { entity: 'day', value: 'wednesday', text: 'miércoles', source: 'lookup' },
    ]);
  });

  it('tolerates typos in proportion to the word, and says what it matched', () => {
    expect(found('open on wendesday?', 'en')).toEqual([{ entity: 'day', value: 'wednesday', text: 'wendesday', source: 'lookup', matched: 'wednesday' }]);
    expect(found('¿y el juebes?', 'es')).toEqual([{ entity: 'day', value: 'thursday', text: 'juebes', source: 'lookup', matched: 'jueves' }]);
    expect(found('el miercoles', 'es')).toEqual([{ entity: 'day', value: 'wednesday', text: 'miercoles', source: 'lookup', matched: 'miércoles' }]);
    // Three letters allow no typo at all: "tue" is not "thu".
    expect(found('tue', 'en')).toEqual([]);
  });

  it('extracts regex entities with their capture group', () => {
    expect(found('where is order #45210?', 'en')).toEqual([{ entity: 'order_id', value: '45210', text: '45210', source: 'regex' }]);
    expect(found('¿dónde está mi pedido 45210?', 'es')).toEqual([{ entity: 'order_id', value: '45210', text: '45210', source: 'regex' }]);
  });
});

describe('typo tolerance in Spanish', () => {
  const days = createEntityRecognizer({ entities: { day: { kind: 'lookup', values: { friday: ['viernes'], tuesday: ['martes'] } }, when: { kind: 'weekday' } } });
  it('never takes a common Spanish word for a typo of a value', () => {
    // "vienes" (you come) is one letter from "viernes", "partes" (parts) one from "martes".
    expect(days.extract('¿vienes a recoger las partes?', { locale: 'es' })).toEqual([]);
  });

  it('still takes a real typo', () => {
    expect(days.extract('el vienres', { locale: 'es' }).map((e) => [e.entity, e.value, e.matched])).toEqual([
      ['day', 'friday', 'viernes'],
      ['when', 'friday', 'viernes'],
    ]);
  });
});
