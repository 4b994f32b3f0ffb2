import { createNumberEntityExtractor } from '../../nlu/number-entity.ts';
import type { BuiltinEntityKind } from '../entity-declaration.ts';
import type { EntityLocale } from '../entity-locale.ts';
import type { BuiltinMatch } from './builtin-match.ts';
import { findEmails, findPhones, findUrls } from './find-contact-details.ts';
import { type DateReference, dateMatches, findDates } from './find-dates.ts';
import { findDurations } from './find-durations.ts';
import { findMoney, findNumbers, findOrdinals, findPercentages } from './find-numbers.ts';
import { findPeople } from './find-people.ts';
import { findWeekdays } from './find-weekdays.ts';

const englishNumbers = createNumberEntityExtractor('number');

/**
 * Matches of one built-in kind (or `number`) in a text. English cardinals keep the word-number reader parley
 * always had; Spanish ones, and every other kind, come from Microsoft Recognizers-Text, chrono-node (dates) and
 * the duration reader.
 */
export function findBuiltin(kind: BuiltinEntityKind | 'number', text: string, locale: EntityLocale, reference: DateReference): BuiltinMatch[] {
  switch (kind) {
    case 'number':
      return locale === 'en' ? englishNumbers.extract(text).map((e) => ({ start: e.start, end: e.end, value: e.value as number })) : findNumbers(text, locale);
    case 'ordinal':
      return findOrdinals(text, locale);
    case 'people':
      return findPeople(text, locale, (t, l) => findBuiltin('number', t, l, reference));
    case 'money':
      return findMoney(text, locale);
    case 'percentage':
      return findPercentages(text, locale);
    case 'duration':
      return findDurations(text, locale);
    case 'date':
    case 'time':
    case 'datetime':
      return dateMatches(findDates(text, locale, reference), kind, reference.timeZone);
    case 'weekday':
      return findWeekdays(text, locale, reference);
    case 'email':
      return findEmails(text);
    case 'phone':
      return findPhones(text);
    case 'url':
      return findUrls(text);
  }
}
