import type { EntityLocale } from '../entity-locale.ts';
import type { BuiltinMatch } from './builtin-match.ts';
import { findNumbers } from './find-numbers.ts';

/** Seconds in each unit word, both languages (plural forms included; matching ignores case and accents). */
const unitSeconds: Record<string, number> = {
  second: 1, seconds: 1, sec: 1, secs: 1, segundo: 1, segundos: 1,
  minute: 60, minutes: 60, min: 60, mins: 60, minuto: 60, minutos: 60,
  hour: 3600, hours: 3600, hr: 3600, hrs: 3600, hora: 3600, horas: 3600,
  day: 86400, days: 86400, dia: 86400, dias: 86400,
  week: 604800, weeks: 604800, semana: 604800, semanas: 604800,
  month: 2592000, months: 2592000, mes: 2592000, meses: 2592000,
  year: 31536000, years: 31536000, ano: 31536000, anos: 31536000,
};
const unitPattern = Object.keys(unitSeconds).sort((a, b) => b.length - a.length).join('|');
/** Lower case without accents, keeping every offset (a character whose folded form has another length stays). */
const fold = (s: string) =>
  s.replace(/./gsu, (c) => {
    const folded = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    return folded.length === c.length ? folded : c;
  });

/** "half an hour", "media hora", "un cuarto de hora", "an hour and a half", "dos horas y media". */
const fractionBefore: Record<EntityLocale, RegExp> = {
  en: new RegExp(`^(?:half an?|a half|a quarter of an?|quarter of an?)\\s+(${unitPattern})\\b`, 'i'),
  es: new RegExp(`^(?:media|medio|un cuarto de)\\s+(${unitPattern})\\b`, 'i'),
};
const halfAfter: Record<EntityLocale, RegExp> = { en: /^\s+and a half\b/i, es: /^\s+y medi[ao]\b/i };
const articleOne: Record<EntityLocale, RegExp> = { en: /^an?$/i, es: /^un[ao]?$/i };

/** ISO 8601 duration of a number of seconds: 9000 → "PT2H30M", 1209600 → "P14D". */
export function isoDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  let rest = seconds - days * 86400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = Math.round((rest - m * 60) * 1000) / 1000;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}` || 'PT0S';
}

/**
 * Durations: a number (digits or words, as {@link findNumbers} reads them, or "a"/"un") followed by a unit —
 * "two hours", "90 minutes", "3 días", "dos semanas" — with "and a half" / "y media", and "half an hour", "media
 * hora", "un cuarto de hora". The value is in seconds (months are 30 days, years 365); `resolution.iso` is the
 * ISO 8601 form.
 */
export function findDurations(text: string, locale: EntityLocale): BuiltinMatch[] {
  const folded = fold(text);
  const found: BuiltinMatch[] = [];
  const add = (start: number, end: number, seconds: number, unit: number) => {
    if (found.some((f) => start < f.end && f.start < end)) return;
    let stop = end;
    const half = halfAfter[locale].exec(folded.slice(end));
    let total = seconds;
    if (half) {
      total += unit / 2;
      stop = end + half[0].length;
    }
    found.push({ start, end: stop, value: total, resolution: { iso: isoDuration(total) } });
  };
  const unitAfter = new RegExp(`^\\s*(${unitPattern})\\b`, 'i');
  const numbers = findNumbers(text, locale).map((n) => ({ ...n, value: Number(n.value) }));
  for (const m of folded.matchAll(/\p{L}+/gu)) {
    if (articleOne[locale].test(m[0])) numbers.push({ start: m.index, end: m.index + m[0].length, value: 1 });
  }
  for (const m of folded.matchAll(/(?<!\p{L})\p{L}/gu)) {
    const fraction = fractionBefore[locale].exec(folded.slice(m.index));
    if (fraction) {
      const quarter = /cuarto|quarter/i.test(fraction[0]) ? 0.25 : 0.5;
      add(m.index, m.index + fraction[0].length, quarter * unitSeconds[fraction[1]!.toLowerCase()]!, 0);
    }
  }
  for (const n of numbers.sort((a, b) => a.start - b.start)) {
    const unit = unitAfter.exec(folded.slice(n.end));
    const seconds = unit ? unitSeconds[unit[1]!.toLowerCase()]! : 0;
    if (unit) add(n.start, n.end + unit[0].length, n.value * seconds, seconds);
  }
  return found.sort((a, b) => a.start - b.start);
}
