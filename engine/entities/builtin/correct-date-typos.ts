import type { EntityExtractor } from '../../nlu/entity.ts';
import { createLookupEntityExtractor } from '../../nlu/lookup-entity.ts';
import { isCommonWordIn } from '../common-words.ts';
import type { EntityLocale } from '../entity-locale.ts';

/** The words a date is made of, each the one chrono-node reads; typos of them are put right before parsing. */
const dateWords: Record<EntityLocale, readonly string[]> = {
  en: [
    'today', 'tonight', 'tomorrow', 'yesterday', 'weekend', 'morning', 'afternoon', 'evening',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  ],
  es: [
    'mañana', 'tarde', 'noche', 'semana', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo',
    'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
  ],
};

/** Spellings people type that are too far from the word for a typo allowance ("tonite" is two edits from "tonight"). */
const variants: Record<EntityLocale, Record<string, readonly string[]>> = {
  en: { tonight: ['tonite', '2night'], tomorrow: ['tmrw', 'tmr', 'tmrrw', '2morrow', 'tomoz'], today: ['2day'] },
  es: { mañana: ['manana'] },
};

/** A misspelt date word: where it is in the original text, the word it was taken for and how many typos. */
export interface DateWordCorrection {
  start: number;
  end: number;
  word: string;
  typos: number;
}

/** Text with date-word typos put right, and where each of its characters came from in the original. */
export interface CorrectedDateText {
  text: string;
  corrections: readonly DateWordCorrection[];
  /** The offset in the original text of offset `index` in the corrected one (an end offset maps to an end). */
  originalOffset(index: number): number;
}

let extractors: Partial<Record<EntityLocale, EntityExtractor>> = {};

function extractorOf(locale: EntityLocale): EntityExtractor {
  let extractor = extractors[locale];
  if (!extractor) {
    const values: Record<string, string[]> = {};
    for (const word of dateWords[locale]) values[word] = [...(variants[locale][word] ?? [])];
    extractor = createLookupEntityExtractor('date-word', { kind: 'lookup', values });
    extractors = { ...extractors, [locale]: extractor };
  }
  return extractor;
}

/**
 * Puts right misspelt date words ("tmorrow", "tommorrow", "wendsday", "febuary", "tonite") so chrono-node, which
 * reads only exact words, finds the date; frequent words are never taken for typos ("money" is not "monday",
 * "vienes" is not "viernes"). Corrections keep the offsets of the original text through `originalOffset`.
 */
export function correctDateTypos(text: string, locale: EntityLocale): CorrectedDateText {
  const fixes = extractorOf(locale)
    .extract(text)
    .filter((m) => m.text.toLowerCase() !== String(m.value) && !isCommonWordIn(locale, m.text))
    .sort((a, b) => a.start - b.start);
  if (fixes.length === 0) return { text, corrections: [], originalOffset: (index) => index };
  let corrected = '';
  // [corrected start, original start, corrected length, original length] for each replaced span.
  const spans: [number, number, number, number][] = [];
  const corrections: DateWordCorrection[] = [];
  let at = 0;
  for (const fix of fixes) {
    if (fix.start < at) continue;
    corrected += text.slice(at, fix.start);
    const word = String(fix.value);
    corrections.push({ start: fix.start, end: fix.end, word, typos: fix.typos ?? 1 });
    spans.push([corrected.length, fix.start, word.length, fix.end - fix.start]);
    corrected += word;
    at = fix.end;
  }
  corrected += text.slice(at);
  return {
    text: corrected,
    corrections,
    originalOffset(index) {
      let shift = 0;
      for (const [start, originalStart, length, originalLength] of spans) {
        if (index <= start) break;
        if (index < start + length) return originalStart;
        if (index === start + length) return originalStart + originalLength;
        shift = originalStart + originalLength - (start + length);
      }
      return index + shift;
    },
  };
}
