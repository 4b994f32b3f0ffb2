import type { ExtractedEntity } from '../../nlu/entity.ts';
import { createLookupEntityExtractor } from '../../nlu/lookup-entity.ts';
import type { EntityLocale } from '../entity-locale.ts';
import type { BuiltinMatch } from './builtin-match.ts';
import { type DateReference, findDates } from './find-dates.ts';

/** Names of each weekday: English with its abbreviations, and Spanish with and without accents. */
const weekdayNames: Record<string, string[]> = {
  monday: ['mon', 'lunes'],
  tuesday: ['tue', 'tues', 'martes'],
  wednesday: ['wed', 'weds', 'miércoles', 'miercoles'],
  thursday: ['thu', 'thur', 'thurs', 'jueves'],
  friday: ['fri', 'viernes'],
  saturday: ['sat', 'sábado', 'sabado'],
  sunday: ['sun', 'domingo'],
};

const names = createLookupEntityExtractor('weekday', { kind: 'lookup', values: weekdayNames });

/**
 * Days of the week, named ("Friday", "fri", "sábados", "wendsday" with a typo) or given as a relative day ("today",
 * "tomorrow", "next Tuesday", "mañana", "pasado mañana", "el próximo martes") against the reference clock and time
 * zone. The value is the English weekday in lower case ("friday"), whatever the language; a relative day also
 * gives its `resolution.date`. A time alone ("at 5") names no day and gives nothing.
 */
export function findWeekdays(text: string, locale: EntityLocale, reference: DateReference): BuiltinMatch[] {
  const named: ExtractedEntity[] = names.extract(text);
  // A misspelt day name is reported by its own span ("wendsday"), as the user typed it.
  const namedTypo = (d: { start: number; end: number }) => named.some((n) => n.matched !== undefined && d.start <= n.start && n.end <= d.end);
  const found: BuiltinMatch[] = findDates(text, locale, reference)
    .filter((d) => d.dayGiven && !(d.matched !== undefined && namedTypo(d)))
    .map((d) => ({
      start: d.start,
      end: d.end,
      value: d.weekday,
      resolution: { date: d.date },
      ...(d.matched !== undefined ? { matched: d.matched, typos: d.typos ?? 1 } : {}),
    }));
  for (const n of named) {
    if (found.some((f) => n.start < f.end && f.start < n.end)) continue;
    found.push({ start: n.start, end: n.end, value: String(n.value), ...(n.matched !== undefined ? { matched: n.matched, typos: n.typos ?? 1 } : {}) });
  }
  return found.sort((a, b) => a.start - b.start);
}
