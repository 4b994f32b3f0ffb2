import { describe, expect, it } from 'vitest';
import { createEntityRecognizer } from '../../../engine/entities/create-entity-recognizer.ts';

/** Monday 7 December 2026, 10:00 UTC. */
const now = Date.parse('2026-12-07T10:00:00Z');
const recognizer = createEntityRecognizer({ entities: { guests: { kind: 'people' }, when: { kind: 'datetime' } }, now: () => now });
const people = (text: string, locale = 'en') => recognizer.extract(text, { locale, now }).filter((e) => e.entity === 'guests').map((e) => e.value);

describe('the people kind: how many people a message says come', () => {
  it.each([
    ['just me', 1],
    ["it's only me", 1],
    ['by myself', 1],
    ['me', 1],
    ['one person', 1],
    ['me and my wife', 2],
    ['my husband and I', 2],
    ['me and a friend', 2],
    ['two of us', 2],
    ['the four of us', 4],
    ["we're five", 5],
    ['myself and 3 friends', 4],
    ['me, my partner and our 2 children', 4],
    ['2 adults and 3 kids', 5],
    ['i want to book for 3 adults and 1 child', 4],
    ['a table for 6', 6],
    ['party of five', 5],
    ['for 4 please', 4],
    ['4', 4],
    ['seven', 7],
  ])('"%s" → %i', (text, count) => {
    expect(people(text)).toEqual([count]);
  });

  it.each([
    ['solo yo', 1],
    ['yo', 1],
    ['una persona', 1],
    ['mi mujer y yo', 2],
    ['yo y tres amigos', 4],
    ['somos cuatro', 4],
    ['2 adultos y 3 niños', 5],
    ['una mesa para seis', 6],
  ])('Spanish "%s" → %i', (text, count) => {
    expect(people(text, 'es')).toEqual([count]);
  });

  it('reads nothing where no number of people is said, and leaves the numbers of dates and times to them', () => {
    expect(people('me and my kids')).toEqual([]);
    expect(people('yo y mis hijos', 'es')).toEqual([]);
    expect(people('can you help me')).toEqual([]);
    expect(people('tomorrow at 3pm')).toEqual([]);
    expect(people('for 2 nights')).toEqual([]);
    expect(people('mañana a las 5', 'es')).toEqual([]);
    expect(people('a table for two tomorrow at 8pm')).toEqual([2]);
  });
});
