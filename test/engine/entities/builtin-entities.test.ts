import { describe, expect, it } from 'vitest';
import { createEntityRecognizer } from '../../../engine/entities/create-entity-recognizer.ts';
import type { EntityDefinition } from '../../../engine/nlu/entity.ts';

/** Monday 7 December 2026, 12:00 in Madrid. */
const now = Date.parse('2026-12-07T11:00:00Z');

function values(definition: EntityDefinition, text: string, locale: 'en' | 'es', timeZone = 'Europe/Madrid') {
  const recognizer = createEntityRecognizer({ entities: { x: definition }, timeZone, now: () => now });
  return recognizer.extract(text, { locale }).map((e) => [e.text, e.value]);
}

describe('built-in entities', () => {
  it('reads integers and decimals in digits and words, in both languages', () => {
    expect(values({ kind: 'number' }, 'forty two guests, 3.5 kilos and 1,200 boxes', 'en')).toEqual([
      ['forty two', 42],
      ['3.5', 3.5],
      ['1,200', 1200],
    ]);
    expect(values({ kind: 'number' }, 'cuarenta y dos invitados, 3,5 kilos y 1.200 cajas', 'es')).toEqual([
      ['cuarenta y dos', 42],
      ['3,5', 3.5],
      ['1.200', 1200],
    ]);
  });

  it('does not read the Spanish article as a count, but takes "una" as the answer to how many', () => {
    expect(values({ kind: 'number' }, 'quiero pedir cita para una limpieza', 'es')).toEqual([]);
    expect(values({ kind: 'number' }, 'necesito un empaste para mañana', 'es')).toEqual([]);
    expect(values({ kind: 'number' }, 'una persona', 'es')).toEqual([['una', 1]]);
    expect(values({ kind: 'number' }, 'treinta y una plazas libres', 'es')).toEqual([['treinta y una', 31]]);
    expect(values({ kind: 'duration' }, 'durante una hora y media', 'es')).toEqual([['una hora y media', 5400]]);
  });

  it('reads ordinals', () => {
    expect(values({ kind: 'ordinal' }, 'the third one, not the 2nd or the next', 'en')).toEqual([
      ['third', 3],
      ['2nd', 2],
    ]);
    expect(values({ kind: 'ordinal' }, 'la quinta, el tercero y el 2º', 'es')).toEqual([
      ['quinta', 5],
      ['tercero', 3],
      ['2º', 2],
    ]);
  });

  it('reads money with its currency', () => {
    const recognizer = createEntityRecognizer({ entities: { price: { kind: 'money' } } });
    const en = recognizer.extract('it was $20.50, or twenty euros', { locale: 'en' });
    expect(en.map((e) => [e.text, e.value, e.resolution?.['currency']])).toEqual([
      ['$20.50', 20.5, 'USD'],
      ['twenty euros', 20, 'EUR'],
    ]);
    const es = recognizer.extract('me cobraron 1.200,50 dólares y quince euros', { locale: 'es' });
    expect(es.map((e) => [e.text, e.value, e.resolution?.['currency']])).toEqual([
      ['1.200,50 dólares', 1200.5, 'USD'],
      ['quince euros', 15, 'EUR'],
    ]);
  });

  it('reads percentages', () => {
    expect(values({ kind: 'percentage' }, 'a 15 percent discount, or 2.5%', 'en')).toEqual([
      ['15 percent', 15],
      ['2.5%', 2.5],
    ]);
    expect(values({ kind: 'percentage' }, 'un descuento del quince por ciento o del 3,5 %', 'es')).toEqual([
      ['quince por ciento', 15],
      ['3,5 %', 3.5],
    ]);
  });

  it('reads relative dates against the injected clock', () => {
    expect(values({ kind: 'date' }, 'next Tuesday', 'en')).toEqual([['next Tuesday', '2026-12-15']]);
    expect(values({ kind: 'date' }, 'in two weeks', 'en')).toEqual([['in two weeks', '2026-12-21']]);
    expect(values({ kind: 'date' }, 'tomorrow', 'en')).toEqual([['tomorrow', '2026-12-08']]);
    expect(values({ kind: 'date' }, 'el próximo martes', 'es')).toEqual([['próximo martes', '2026-12-15']]);
    expect(values({ kind: 'date' }, 'pasado mañana', 'es')).toEqual([['pasado mañana', '2026-12-09']]);
    expect(values({ kind: 'date' }, 'dentro de dos semanas', 'es')).toEqual([['dentro de dos semanas', '2026-12-21']]);
    expect(values({ kind: 'date' }, 'el 3 de enero', 'es')).toEqual([['3 de enero', '2027-01-03']]);
  });

  it('reads misspelt date words, keeping the span of the text as typed, and never takes a frequent word for one', () => {
    expect(values({ kind: 'date' }, 'can I come tmorrow', 'en')).toEqual([['tmorrow', '2026-12-08']]);
    expect(values({ kind: 'date' }, 'see you tommorrow at 3pm then', 'en')).toEqual([['tommorrow at 3pm', '2026-12-08']]);
    expect(values({ kind: 'time' }, 'tonite at 8', 'en')).toEqual([['tonite at 8', '20:00']]);
    expect(values({ kind: 'date' }, 'wendsday or febuary 3rd', 'en')).toEqual([
      ['wendsday', '2026-12-09'],
      ['febuary 3rd', '2027-02-03'],
    ]);
    expect(values({ kind: 'date' }, 'no money for that', 'en')).toEqual([]);
    expect(values({ kind: 'date' }, 'el viernez por la tarde', 'es')).toEqual([['viernez', '2026-12-11']]);
  });

  it('reads times and date-times; a bare hour of the afternoon is the afternoon', () => {
    expect(values({ kind: 'time' }, 'tomorrow at 5', 'en')).toEqual([['tomorrow at 5', '17:00']]);
    expect(values({ kind: 'time' }, 'at 9:30 am', 'en')).toEqual([['at 9:30 am', '09:30']]);
    expect(values({ kind: 'datetime' }, 'mañana a las 5', 'es')).toEqual([['mañana a las 5', '2026-12-08T17:00']]);
    expect(values({ kind: 'time' }, 'el jueves', 'es')).toEqual([]);
  });

  it('reads times said in words in both languages, and a bare number is no time', () => {
    expect(values({ kind: 'datetime' }, 'next friday at half past three', 'en')).toEqual([['next friday at half past three', '2026-12-18T15:30']]);
    expect(values({ kind: 'time' }, 'a quarter to five', 'en')).toEqual([['a quarter to five', '16:45']]);
    expect(values({ kind: 'time' }, 'ten past six', 'en')).toEqual([['ten past six', '18:10']]);
    expect(values({ kind: 'time' }, "at eleven o'clock", 'en')).toEqual([["at eleven o'clock", '11:00']]);
    expect(values({ kind: 'time' }, 'we are three', 'en')).toEqual([]);
    expect(values({ kind: 'datetime' }, 'el viernes a las tres y media', 'es')).toEqual([['viernes a las tres y media', '2026-12-11T15:30']]);
    expect(values({ kind: 'time' }, 'mañana a las cinco', 'es')).toEqual([['mañana a las cinco', '17:00']]);
    expect(values({ kind: 'time' }, 'a las 3 y media', 'es')).toEqual([['a las 3 y media', '15:30']]);
    expect(values({ kind: 'time' }, 'a las diez menos cuarto', 'es')).toEqual([['a las diez menos cuarto', '09:45']]);
    expect(values({ kind: 'time' }, 'las dos personas', 'es')).toEqual([]);
  });

  it('takes a bare afternoon hour for today while it is ahead, and names no date for a time alone', () => {
    // 11:00 UTC is 12:00 in Madrid: 3:30 in the morning has passed, 15:30 has not.
    expect(values({ kind: 'datetime' }, 'at 3:30', 'en')).toEqual([['at 3:30', '2026-12-07T15:30']]);
    expect(values({ kind: 'datetime' }, 'at 9', 'en')).toEqual([['at 9', '2026-12-08T09:00']]);
    expect(values({ kind: 'date' }, 'at 10', 'en')).toEqual([]);
    expect(values({ kind: 'date' }, 'tomorrow at 10', 'en')).toEqual([['tomorrow at 10', '2026-12-08']]);
  });

  it("counts days in the user's time zone", () => {
    // 23:30 UTC on Monday is already Tuesday in Madrid but still Monday in New York.
    const late = Date.parse('2026-12-07T23:30:00Z');
    const madrid = createEntityRecognizer({ entities: { d: { kind: 'date' } }, timeZone: 'Europe/Madrid' });
    expect(madrid.extract('tomorrow', { locale: 'en', now: late }).map((e) => e.value)).toEqual(['2026-12-09']);
    expect(madrid.extract('pasado mañana', { locale: 'es', now: late }).map((e) => e.value)).toEqual(['2026-12-10']);
    expect(madrid.extract('tomorrow', { locale: 'en', now: late, timeZone: 'America/New_York' }).map((e) => e.value)).toEqual(['2026-12-08']);
    const [found] = madrid.extract('mañana a las 17:30', { locale: 'es', now: late });
    expect(found?.resolution).toMatchObject({ date: '2026-12-09', time: '17:30', weekday: 'wednesday', offset: '+01:00' });
  });

  it('reads durations in seconds, not as dates', () => {
    expect(values({ kind: 'duration' }, 'for two hours and 30 minutes, or half an hour', 'en')).toEqual([
      ['two hours', 7200],
      ['30 minutes', 1800],
      ['half an hour', 1800],
    ]);
    expect(values({ kind: 'duration' }, 'durante dos horas y media, 3 días o una semana', 'es')).toEqual([
      ['dos horas y media', 9000],
      ['3 días', 259200],
      ['una semana', 604800],
    ]);
    expect(values({ kind: 'date' }, 'for two hours', 'en')).toEqual([]);
  });

  it('reads e-mail addresses, phone numbers and URLs in any language', () => {
    for (const locale of ['en', 'es'] as const) {
      expect(values({ kind: 'email' }, 'escribe a José.Pérez@Ejemplo.es.', locale)).toEqual([['José.Pérez@Ejemplo.es', 'josé.pérez@ejemplo.es']]);
      expect(values({ kind: 'phone' }, 'call +34 612 345 678 or (212) 555-1234 about order 45210', locale)).toEqual([
        ['+34 612 345 678', '+34612345678'],
        ['(212) 555-1234', '2125551234'],
      ]);
      expect(values({ kind: 'url' }, 'see https://acme.example/help?x=1 or www.acme.es', locale)).toEqual([
        ['https://acme.example/help?x=1', 'https://acme.example/help?x=1'],
        ['www.acme.es', 'www.acme.es'],
      ]);
    }
  });

  it('turns spoken digits into a digit string for a digit slot', () => {
    const orderId: EntityDefinition = { kind: 'digits', length: { min: 5, max: 5 } };
    expect(values(orderId, 'my order is four five two one zero', 'en')).toEqual([['four five two one zero', '45210']]);
    expect(values(orderId, 'mi pedido es el cuatro cinco dos uno cero', 'es')).toEqual([['cuatro cinco dos uno cero', '45210']]);
    expect(values(orderId, 'it is 45 210, or double five one two oh', 'en')).toEqual([
      ['45 210', '45210'],
      ['double five one two oh', '55120'],
    ]);
    expect(values(orderId, 'one two three', 'en')).toEqual([]);
  });

  it('rejects an unknown kind, bad digit lengths and an unknown time zone with a ConfigError', () => {
    const unknown = { kind: 'colour' } as unknown as EntityDefinition;
    expect(() => createEntityRecognizer({ entities: { x: unknown } })).toThrow(/entities\.x\.kind/);
    expect(() => createEntityRecognizer({ entities: { x: { kind: 'digits', length: { min: 4, max: 2 } } } })).toThrow(/entities\.x\.length/);
    expect(() => createEntityRecognizer({ entities: {}, timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
  });
});

describe('the weekday built-in', () => {
  it('names days in both languages, with abbreviations, plurals and typos, as English day names', () => {
    expect(values({ kind: 'weekday' }, 'open on fri or saturdays? or wendsday', 'en')).toEqual([
      ['on fri', 'friday'],
      ['saturdays', 'saturday'],
      ['wendsday', 'wednesday'],
    ]);
    expect(values({ kind: 'weekday' }, '¿abrís los domingos o el miercoles?', 'es')).toEqual([
      ['domingos', 'sunday'],
      ['miercoles', 'wednesday'],
    ]);
  });

  it('turns relative days into weekdays against the clock, and a bare time into nothing', () => {
    // The clock says Monday.
    expect(values({ kind: 'weekday' }, 'are you open tomorrow?', 'en')).toEqual([['tomorrow', 'tuesday']]);
    expect(values({ kind: 'weekday' }, '¿abren pasado mañana?', 'es')).toEqual([['pasado mañana', 'wednesday']]);
    expect(values({ kind: 'weekday' }, '¿y hoy?', 'es')).toEqual([['hoy', 'monday']]);
    expect(values({ kind: 'weekday' }, 'next friday please', 'en')).toEqual([['next friday', 'friday']]);
    expect(values({ kind: 'weekday' }, 'are you open at 5?', 'en')).toEqual([]);
  });
});

describe('typo notes on built-ins', () => {
  it('says which day name a misspelt weekday was taken for', () => {
    const recognizer = createEntityRecognizer({ entities: { day: { kind: 'weekday' } }, now: () => now });
    const [found] = recognizer.extract('and on wendsday?', { locale: 'en' });
    expect(found).toMatchObject({ value: 'wednesday', text: 'wendsday', matched: 'wednesday', typos: 2, source: 'builtin', extractor: 'weekday' });
  });

  it('says what a date with a misspelt word was read as', () => {
    const recognizer = createEntityRecognizer({ entities: { when: { kind: 'date' } }, now: () => now });
    const [found] = recognizer.extract('can I come tmorrow?', { locale: 'en' });
    expect(found).toMatchObject({ value: '2026-12-08', text: 'tmorrow', matched: 'tomorrow', typos: 1 });
  });
});
