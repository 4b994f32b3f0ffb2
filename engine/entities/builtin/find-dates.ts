import type * as chrono from 'chrono-node';
import type { EntityLocale } from '../entity-locale.ts';
import type { BuiltinMatch } from './builtin-match.ts';
import { segmentText } from './by-segments.ts';
import { correctDateTypos } from './correct-date-typos.ts';
import { chronoNode } from './lazy-modules.ts';
import { spokenTimeParsers } from './spoken-time-parsers.ts';
import { timeZoneOffsetMinutes } from './time-zone-offset.ts';

/** When and where "now" is for relative dates. */
export interface DateReference {
  /** The instant "today", "tomorrow" and "in two weeks" count from, in milliseconds since the epoch. */
  now: number;
  /** The user's IANA time zone: "tomorrow" is the user's tomorrow. */
  timeZone: string;
}

/** A date or time found in text, in the user's time zone. */
export interface DateMention {
  start: number;
  end: number;
  /** "YYYY-MM-DD". */
  date: string;
  /** "HH:MM", when the text gives a time. */
  time?: string;
  /** "monday" … "sunday". */
  weekday: string;
  /** Minutes east of UTC at that date. */
  offset: number;
  /** The text names the day ("tomorrow", "Friday", "3 January"), rather than only a time of today ("at 5"). */
  dayGiven: boolean;
  /** With a misspelt date word in it, the span as it was read ("tmorrow at 5" → "tomorrow at 5"), and how many typos. */
  matched?: string;
  typos?: number;
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Spanish "pasado mañana" (the day after tomorrow), which chrono reads as "mañana". */
const dayAfterTomorrow: chrono.Parser = {
  pattern: () => /pasado\s+mañana/i,
  extract: (context) => {
    const day = new Date(context.reference.instant.getTime() + 2 * 86_400_000);
    const local = new Date(day.getTime() + (context.reference.getTimezoneOffset() ?? 0) * 60_000);
    return { day: local.getUTCDate(), month: local.getUTCMonth() + 1, year: local.getUTCFullYear() };
  },
};

let parsers: Record<EntityLocale, chrono.Chrono> | undefined;
function parserOf(locale: EntityLocale): chrono.Chrono {
  if (!parsers) {
    const { en, es } = chronoNode();
    const english = en.casual.clone();
    english.parsers.unshift(spokenTimeParsers.en);
    const spanish = es.casual.clone();
    spanish.parsers.unshift(dayAfterTomorrow, spokenTimeParsers.es);
    parsers = { en: english, es: spanish };
  }
  return parsers[locale];
}

/** "for two hours", "durante dos horas": a duration, which chrono would read as two hours from now. */
const durationLead = /^(?:for|during|durante|por)\s/i;

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD" of an instant in a zone `offset` minutes east of UTC. */
const localDate = (instant: number, offset: number) => new Date(instant + offset * 60_000).toISOString().slice(0, 10);

/**
 * Dates and times, absolute and relative — "next Tuesday", "tomorrow at 5", "in two weeks", "3 January",
 * "el próximo martes", "mañana a las 5", "dentro de dos semanas", "pasado mañana" — read by chrono-node against
 * `reference` and expressed in the user's time zone, also times said in words ("half past three", "a las cinco y
 * media"). A bare hour from 1 to 7 without am/pm ("a las 5") is taken as the afternoon, as people mean it when they
 * talk about opening hours and appointments — today's afternoon while it is still ahead, though chrono moved the
 * morning hour, already past, to tomorrow.
 */
export function findDates(text: string, locale: EntityLocale, reference: DateReference): DateMention[] {
  const offset = timeZoneOffsetMinutes(reference.timeZone, reference.now);
  const parser = parserOf(locale);
  const results = segmentText(text).flatMap((segment) => {
    const corrected = correctDateTypos(segment.text, locale);
    return parser.parse(corrected.text, { instant: new Date(reference.now), timezone: offset }, { forwardDate: true }).map((r) => {
      const start = corrected.originalOffset(r.index);
      const end = corrected.originalOffset(r.index + r.text.length);
      const typos = corrected.corrections.filter((t) => t.start >= start && t.end <= end);
      const typo = typos.length > 0 ? { matched: r.text, typos: typos.reduce((sum, t) => sum + t.typos, 0) } : undefined;
      return { components: r.start, index: segment.start + start, length: end - start, text: r.text, typo };
    });
  });
  return results.filter((r) => !durationLead.test(r.text)).map((r) => {
    const c = r.components;
    let date = `${c.get('year')}-${pad(c.get('month') ?? 1)}-${pad(c.get('day') ?? 1)}`;
    const hasTime = c.isCertain('hour');
    const dayGiven = c.isCertain('day') || c.isCertain('weekday');
    let hour = c.get('hour') ?? 0;
    if (hasTime && !c.isCertain('meridiem') && hour >= 1 && hour <= 7) {
      hour += 12;
      const today = localDate(reference.now, offset);
      const afternoonToday = Date.parse(`${today}T${pad(hour)}:${pad(c.get('minute') ?? 0)}:00Z`) - offset * 60_000;
      if (!dayGiven && afternoonToday > reference.now) date = today;
    }
    const weekday = weekdays[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
    const mention: DateMention = { start: r.index, end: r.index + r.length, date, weekday, offset, dayGiven };
    if (hasTime) mention.time = `${pad(hour)}:${pad(c.get('minute') ?? 0)}`;
    if (r.typo) Object.assign(mention, r.typo);
    return mention;
  });
}

/** "+01:00" for 60 minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The mentions as the `date`, `time` or `datetime` built-in: a time needs a time in the text, a date a day named in
 * it ("tomorrow", "Friday", "3 January"); a datetime takes either.
 */
export function dateMatches(mentions: readonly DateMention[], kind: 'date' | 'time' | 'datetime', timeZone: string): BuiltinMatch[] {
  return mentions.flatMap((m) => {
    if (kind === 'time' && m.time === undefined) return [];
    // "at 10" is a time of today, not a day the user chose.
    if (kind === 'date' && !m.dayGiven) return [];
    const resolution: Record<string, string | number> = { date: m.date, weekday: m.weekday, timeZone, offset: formatOffset(m.offset) };
    if (m.time !== undefined) resolution['time'] = m.time;
    const value = kind === 'date' ? m.date : kind === 'time' ? m.time! : `${m.date}T${m.time ?? '00:00'}`;
    return [{ start: m.start, end: m.end, value, resolution, ...(m.matched !== undefined ? { matched: m.matched, typos: m.typos ?? 1 } : {}) }];
  });
}
