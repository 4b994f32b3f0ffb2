import { stemmerOf } from './stem-word.ts';

/** How {@link tokenizeUtterance} turns text into tokens. */
export interface TokenizeOptions {
  /**
   * Digit runs at least this long become one placeholder token `<numN>` (N = number of digits), so
   * "order 12345" and "order 45210" look alike to the classifier. Shorter runs ("3", "10") stay as
   * they are. Default 3.
   */
  longNumberMinDigits: number;
  /**
   * Language of the utterances, as a number so that it is stored with a model's numeric options: 0 is
   * language-neutral (words kept as written), 1 Spanish (see {@link tokenizeLanguages}): each word is reduced to
   * its Snowball stem and its accents are dropped ("devoluciones" → "devolu", "envío" → "envi"), so the forms of a
   * word and a message typed without accents read alike. Default 0.
   */
  language: number;
}

/** The values of {@link TokenizeOptions.language}, by BCP 47 primary language subtag. */
export const tokenizeLanguages: Readonly<Record<string, number>> = { es: 1 };

/** Defaults of {@link TokenizeOptions}. */
export const defaultTokenizeOptions: TokenizeOptions = {
  longNumberMinDigits: 3,
  language: 0,
};

const apostrophes = /['’‘`´]/g;
const thousandsSeparator = /(\d),(?=\d{3}(?!\d))/g;
const notWordChar = /[^\p{L}\p{N}\p{M}]+/gu;
const digitThenLetter = /(\p{N})(?=\p{L})/gu;
const letterThenDigit = /([\p{L}\p{M}])(?=\p{N})/gu;
const allDigits = /^\p{N}+$/u;

/**
 * Normalises an utterance and splits it into word tokens: Unicode NFKC, lower case, apostrophes
 * dropped inside words ("what's" → "whats"), every other non-letter/non-digit becomes a separator,
 * letters and digits are split apart ("5pm" → "5", "pm"), and long digit runs become `<numN>`.
 *
 * @example
 * tokenizeUtterance("Where's order #12,345?") // ['wheres', 'order', '<num5>']
 */
export function tokenizeUtterance(text: string, options: Partial<TokenizeOptions> = {}): string[] {
  const { longNumberMinDigits, language } = { ...defaultTokenizeOptions, ...options };
  const stem = language === 0 ? undefined : stemmerOf(language);
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(apostrophes, '')
    .replace(thousandsSeparator, '$1')
    .replace(notWordChar, ' ')
    .replace(digitThenLetter, '$1 ')
    .replace(letterThenDigit, '$1 ');
  const tokens: string[] = [];
  for (const token of cleaned.split(' ')) {
    if (token === '') continue;
    const isLongNumber = token.length >= longNumberMinDigits && allDigits.test(token);
    if (isLongNumber) tokens.push(`<num${token.length}>`);
    else tokens.push(stem && !allDigits.test(token) ? stem(token) : token);
  }
  return tokens;
}
