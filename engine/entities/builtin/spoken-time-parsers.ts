import type * as chrono from 'chrono-node';
import type { EntityLocale } from '../entity-locale.ts';

const englishHours = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const spanishHours = ['una', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'];

/** 1–12 from an hour word of `words` or digits; undefined for anything else. */
function hourOf(text: string, words: readonly string[]): number | undefined {
  const index = words.indexOf(text.toLowerCase());
  const hour = index >= 0 ? index + 1 : Number(text);
  return Number.isInteger(hour) && hour >= 1 && hour <= 12 ? hour : undefined;
}

/** The hour before `hour` on a 12-hour clock ("quarter to one" is 12:45). */
const hourBefore = (hour: number) => (hour === 1 ? 12 : hour - 1);

const englishHour = `(${englishHours.join('|')}|\\d{1,2})`;
/**
 * "half past three", "a quarter to five", "ten past six", "three o'clock", "at three": a time said in words, which
 * chrono's English reads only in digits. A bare hour word needs "at" or "o'clock", so "three people" is no time.
 */
const english: chrono.Parser = {
  pattern: () =>
    new RegExp(
      `(?<=^|\\W)(at\\s+)?(?:(half|(?:a\\s+)?quarter|\\d{1,2}|${englishHours.slice(0, 11).join('|')}|twenty(?:[\\s-]five)?)\\s+(past|after|to|before)\\s+)?${englishHour}(\\s*o'?\\s*clock)?(?=\\W|$)`,
      'i',
    ),
  extract: (_context, match) => {
    const [, at, minutesText, direction, hourText = '', oclock] = match;
    const hour = hourOf(hourText, englishHours);
    if (hour === undefined) return null;
    const wordHour = !/^\d/.test(hourText);
    if (!minutesText) return (at || oclock) && (wordHour || oclock) ? { hour, minute: 0 } : null;
    const spoken = minutesText.toLowerCase().replace(/\s+|-/g, ' ');
    const minutes = spoken === 'half' ? 30 : spoken.endsWith('quarter') ? 15 : spoken === 'twenty five' ? 25 : (hourOf(spoken, englishHours) ?? Number(spoken === 'twenty' ? 20 : spoken));
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 30) return null;
    const back = /^(to|before)$/i.test(direction ?? '');
    return back ? { hour: hourBefore(hour), minute: 60 - minutes } : { hour, minute: minutes };
  },
};

/**
 * "a las cinco", "a las tres y media", "las diez y cuarto", "a las cinco menos cuarto", "a la una en punto", also
 * with digits ("a las 3 y media", which chrono's Spanish reads as 3:00).
 */
const spanish: chrono.Parser = {
  pattern: () =>
    new RegExp(`(?<=^|\\W)(a\\s+)?las?\\s+(${spanishHours.join('|')}|\\d{1,2})(?:\\s+(y\\s+media|y\\s+cuarto|menos\\s+cuarto|en\\s+punto))?(?=\\W|$)`, 'i'),
  extract: (_context, match) => {
    const [, at, hourText = '', part = ''] = match;
    const hour = hourOf(hourText, spanishHours);
    // "las dos personas" is no time: a bare hour needs "a las".
    if (hour === undefined || (!at && !part)) return null;
    // Digits alone ("a las 5") stay with chrono, which also reads "a las 17:30".
    if (/^\d/.test(hourText) && !part) return null;
    const said = part.toLowerCase().replace(/\s+/g, ' ');
    if (said === 'y media') return { hour, minute: 30 };
    if (said === 'y cuarto') return { hour, minute: 15 };
    if (said === 'menos cuarto') return { hour: hourBefore(hour), minute: 45 };
    return { hour, minute: 0 };
  },
};

/** Parsers chrono lacks for times said in words, by language. */
export const spokenTimeParsers: Readonly<Record<EntityLocale, chrono.Parser>> = { en: english, es: spanish };
