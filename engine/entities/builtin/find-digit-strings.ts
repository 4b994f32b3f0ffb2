import type { EntityLocale } from '../entity-locale.ts';
import type { BuiltinMatch } from './builtin-match.ts';

/** Digit words of each language; "oh" and "o" are English zeros only between other digits. */
const digitWords: Record<EntityLocale, Record<string, string>> = {
  en: { zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' },
  es: { cero: '0', uno: '1', una: '1', un: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9' },
};
/** Words that repeat the next digit: "double five" is "55". */
const repeaters: Record<EntityLocale, Record<string, number>> = { en: { double: 2, triple: 3 }, es: { doble: 2, triple: 3 } };
/** Words that are digits only inside a run, never alone or first. */
const weakWords = new Set(['oh', 'o', 'un', 'una']);

interface Piece {
  start: number;
  end: number;
  digits: string;
  weak: boolean;
}

/**
 * Digit strings, written ("45210", "45 210", "45-210") or spoken digit by digit ("four five two one zero", "cuatro
 * cinco dos uno cero", "four 5 two one oh", "double five"), as a voice transcript or a user typing words gives
 * them. Only digits, digit words and spacing, hyphens or commas between them make one string; the value is the
 * digits. Strings outside `min`..`max` digits are not returned.
 */
export function findDigitStrings(text: string, locale: EntityLocale, min = 1, max = 20): BuiltinMatch[] {
  const words = digitWords[locale];
  const pieces: Piece[] = [];
  let repeat = 1;
  let repeatStart = -1;
  for (const m of text.matchAll(/\p{N}+|\p{L}+/gu)) {
    const token = m[0].toLowerCase();
    const times = repeaters[locale][token];
    if (times !== undefined) {
      repeat = times;
      repeatStart = m.index;
      continue;
    }
    const glued = /^\p{N}+$/u.test(token) && /\p{L}/u.test(`${text[m.index - 1] ?? ''}${text[m.index + token.length] ?? ''}`);
    const digits = glued ? undefined : /^\p{N}+$/u.test(token) ? token : words[token];
    if (digits === undefined || !/^[0-9]+$/.test(digits)) {
      pieces.push({ start: m.index, end: m.index, digits: '', weak: false });
      repeat = 1;
      continue;
    }
    const start = repeat > 1 ? repeatStart : m.index;
    pieces.push({ start, end: m.index + m[0].length, digits: digits.repeat(repeat), weak: weakWords.has(token) });
    repeat = 1;
  }
  const found: BuiltinMatch[] = [];
  let run: Piece[] = [];
  const flush = () => {
    while (run.length > 0 && run[0]!.weak) run.shift();
    while (run.length > 0 && run.at(-1)!.weak && run.at(-1)!.digits !== '0') run.pop();
    const value = run.map((p) => p.digits).join('');
    if (run.length > 0 && value.length >= min && value.length <= max) found.push({ start: run[0]!.start, end: run.at(-1)!.end, value });
    run = [];
  };
  for (const piece of pieces) {
    const joined = run.length > 0 && /^[\s,-]*$/.test(text.slice(run.at(-1)!.end, piece.start));
    if (piece.digits === '' || (run.length > 0 && !joined)) flush();
    if (piece.digits !== '') run.push(piece);
  }
  flush();
  return found;
}
