import { describe, expect, it } from 'vitest';
import { editListSlot } from '../../../core/dialogue/list-slot-edit.ts';
import type { ExtractedEntity } from '../../../engine/nlu/entity.ts';

/** The turn's topping entities: each listed word where it stands in the text (the word is its value). */
function toppings(text: string, words: readonly string[]): ExtractedEntity[] {
  return words.map((word) => {
    const start = text.toLowerCase().indexOf(word);
    if (start < 0) throw new Error(`"${word}" is not in "${text}"`);
    return { entity: 'topping', value: word, text: word, start, end: start + word.length, extractor: 'lookup' };
  });
}
const edit = (text: string, words: readonly string[], current: readonly string[]) => editListSlot(text, toppings(text, words), current);

describe('editListSlot', () => {
  it('adds on "add", "also", "too", "and", Spanish "también"/"y", keeping the order and no repeats', () => {
    expect(edit('add olives', ['olives'], ['ham'])).toEqual({ value: ['ham', 'olives'], cue: true });
    expect(edit('olives too please', ['olives'], ['ham'])).toEqual({ value: ['ham', 'olives'], cue: true });
    expect(edit('and olives and onions', ['olives', 'onions'], ['ham'])).toEqual({ value: ['ham', 'olives', 'onions'], cue: true });
    expect(edit('también aceitunas', ['aceitunas'], ['jamón'])).toEqual({ value: ['jamón', 'aceitunas'], cue: true });
    expect(edit('y cebolla', ['cebolla'], ['jamón'])).toEqual({ value: ['jamón', 'cebolla'], cue: true });
    expect(edit('add ham', ['ham'], ['ham'])).toEqual({ value: ['ham'], cue: true });
  });

  it('takes out what follows "no", "without", "hold the", "remove", Spanish "sin"/"quita", or precedes "off"', () => {
    expect(edit('no olives', ['olives'], ['ham', 'olives'])).toEqual({ value: ['ham'], cue: true });
    expect(edit('without the olives please', ['olives'], ['ham', 'olives'])).toEqual({ value: ['ham'], cue: true });
    expect(edit('hold the ham', ['ham'], ['ham', 'olives'])).toEqual({ value: ['olives'], cue: true });
    expect(edit('take the ham off', ['ham'], ['ham', 'olives'])).toEqual({ value: ['olives'], cue: true });
    expect(edit('sin cebolla', ['cebolla'], ['jamón', 'cebolla'])).toEqual({ value: ['jamón'], cue: true });
    expect(edit('quita el jamón', ['jamón'], ['jamón', 'cebolla'])).toEqual({ value: ['cebolla'], cue: true });
  });

  it('removes and adds in one turn, or replaces on "instead", "make it", "actually", "just", "mejor"', () => {
    expect(edit('no pepperoni, add ham', ['pepperoni', 'ham'], ['pepperoni', 'olives'])).toEqual({ value: ['olives', 'ham'], cue: true });
    expect(edit('actually no pepperoni, make it ham', ['pepperoni', 'ham'], ['pepperoni', 'olives'])).toEqual({ value: ['ham'], cue: true });
    expect(edit('olives instead', ['olives'], ['ham'])).toEqual({ value: ['olives'], cue: true });
    expect(edit('just mushrooms and ham', ['mushrooms', 'ham'], ['olives'])).toEqual({ value: ['mushrooms', 'ham'], cue: true });
    expect(edit('mejor champiñones', ['champiñones'], ['jamón'])).toEqual({ value: ['champiñones'], cue: true });
  });

  it('gives the named values without a cue when the turn only names them, and a question adds nothing', () => {
    expect(edit('olives', ['olives'], ['ham'])).toEqual({ value: ['olives'], cue: false });
    expect(edit('mushrooms and olives', ['mushrooms', 'olives'], ['ham'])).toEqual({ value: ['mushrooms', 'olives'], cue: false });
    expect(edit('do you have olives and ham?', ['olives', 'ham'], ['onions'])).toEqual({ value: ['olives', 'ham'], cue: false });
    expect(edit('what comes with mushrooms', ['mushrooms'], ['onions'])).toEqual({ value: ['mushrooms'], cue: false });
  });
});
