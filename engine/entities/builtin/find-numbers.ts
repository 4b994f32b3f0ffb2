import type { EntityLocale } from '../entity-locale.ts';
import type { BuiltinMatch } from './builtin-match.ts';
import { bySegments } from './by-segments.ts';
import { recognizersText } from './lazy-modules.ts';

/** Microsoft Recognizers-Text culture of each locale. */
const cultures: Record<EntityLocale, string> = { en: 'en-us', es: 'es-es' };

interface RecognizerResult {
  start: number;
  end: number;
  text: string;
  resolution?: Record<string, unknown>;
}

/** A number as the recognizer resolves it: "1200.5" in English, "1200,5" in Spanish. */
export function parseResolvedNumber(value: unknown, locale: EntityLocale): number {
  const text = String(value).replace('%', '');
  return Number(locale === 'es' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, ''));
}

/** The recognizer's results as matches; its `end` is inclusive. Results without a finite value are dropped. */
function toMatches(results: RecognizerResult[], locale: EntityLocale): BuiltinMatch[] {
  return results.flatMap((r) => {
    const value = parseResolvedNumber(r.resolution?.['value'], locale);
    return Number.isFinite(value) ? [{ start: r.start, end: r.end + 1, value }] : [];
  });
}

/**
 * Spanish "un" / "una" is the article far more often than the number: "quiero una limpieza" names no count. It is
 * read as 1 only in an answer of at most two words ("una", "una persona").
 */
function isSpanishArticle(match: BuiltinMatch, text: string, locale: EntityLocale): boolean {
  if (locale !== 'es' || !/^una?$/i.test(text.slice(match.start, match.end))) return false;
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length > 2;
}

/**
 * Cardinal numbers in digits or words: "42", "forty two", "cuarenta y dos", "3,5" (Spanish 3.5), "a dozen"; not
 * the Spanish article ("una limpieza").
 */
export function findNumbers(text: string, locale: EntityLocale): BuiltinMatch[] {
  const found = bySegments(text, (segment) => toMatches(recognizersText().recognizeNumber(segment, cultures[locale]) as RecognizerResult[], locale));
  return found.filter((match) => !isSpanishArticle(match, text, locale));
}

const relativeOrdinal = /\b(?:next|last|previous|current|prior|following)\b/i;

// Spanish ordinals written with digits, which the recognizer misses: "3º", "3.º", "2ª", "1er", "5to".
const spanishDigitOrdinal = /(?<![\p{L}\p{N}])(\d{1,3})\.?(?:º|ª|°|er|ro|ra|do|da|to|ta|vo|va|no|na|mo|ma)(?![\p{L}\p{N}])/gu;

/** Ordinals: "third", "3rd", "twenty-second", "tercero", "quinta", "3º". The value is the number. */
export function findOrdinals(text: string, locale: EntityLocale): BuiltinMatch[] {
  // "next", "last", "siguiente" are ordinals relative to something else, not positions.
  const found = bySegments(text, (segment) =>
    toMatches((recognizersText().recognizeOrdinal(segment, cultures[locale]) as RecognizerResult[]).filter((r) => !relativeOrdinal.test(r.text)), locale),
  );
  if (locale === 'es') {
    for (const m of text.matchAll(spanishDigitOrdinal)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!found.some((f) => f.start < end && start < f.end)) found.push({ start, end, value: Number(m[1]) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Percentages: "15 percent", "20%", "quince por ciento", "3,5 %". The value is the percent (15, not 0.15). */
export function findPercentages(text: string, locale: EntityLocale): BuiltinMatch[] {
  if (!/%|percent|por ?ciento|porcentaje/i.test(text)) return [];
  return bySegments(text, (segment) => toMatches(recognizersText().recognizePercentage(segment, cultures[locale]) as RecognizerResult[], locale));
}

/** ISO 4217 codes of the currency names the recognizer gives when it gives no code. */
const currencyCodes: Record<string, string> = {
  dollar: 'USD',
  dólar: 'USD',
  'us dollar': 'USD',
  'dólar estadounidense': 'USD',
  euro: 'EUR',
  pound: 'GBP',
  'british pound': 'GBP',
  libra: 'GBP',
  'libra esterlina': 'GBP',
  'peso mexicano': 'MXN',
  'canadian dollar': 'CAD',
  'dólar canadiense': 'CAD',
  yen: 'JPY',
  'swiss franc': 'CHF',
  'franco suizo': 'CHF',
};
/** Fractional units: the amount is divided by 100 and the currency is the locale's usual one. */
const cents: Record<string, true> = { cent: true, céntimo: true, centavo: true, penny: true };
const localCurrency: Record<EntityLocale, string> = { en: 'USD', es: 'EUR' };

/**
 * Amounts of money with their currency: "$20.50", "twenty euros", "1.200,50 dólares", "15 pesos mexicanos". The
 * value is the amount; `resolution.currency` is an ISO 4217 code when the currency is known (a bare "$" is USD),
 * otherwise the currency's name.
 */
export function findMoney(text: string, locale: EntityLocale): BuiltinMatch[] {
  // The currency recognizer is by far the slowest; text without a currency sign or word cannot hold money.
  if (!currencyCue.test(text)) return [];
  return bySegments(text, (segment) => moneyIn(segment, locale));
}

const currencyCue = /[$€£¥₹₽¢]|\b(?:usd|eur|gbp|mxn|dollars?|d[óo]lar(?:es)?|bucks?|euros?|pounds?|libras?|pesos?|yen|yuan|francs?|francos?|cents?|c[ée]ntimos?|centavos?|pennies|penny|quid|rupees?|reales?|soles?)\b/i;

function moneyIn(text: string, locale: EntityLocale): BuiltinMatch[] {
  const results = recognizersText().recognizeCurrency(text, cultures[locale]) as RecognizerResult[];
  return results.flatMap((r) => {
    const amount = parseResolvedNumber(r.resolution?.['value'], locale);
    if (!Number.isFinite(amount)) return [];
    const unit = String(r.resolution?.['unit'] ?? '').toLowerCase();
    const iso = r.resolution?.['isoCurrency'];
    const fraction = cents[unit] === true;
    const currency = fraction ? localCurrency[locale] : typeof iso === 'string' ? iso : (currencyCodes[unit] ?? unit);
    const value = fraction ? Math.round(amount) / 100 : amount;
    return [{ start: r.start, end: r.end + 1, value, resolution: { amount: value, currency } }];
  });
}
