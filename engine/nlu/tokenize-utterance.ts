/** How {@link tokenizeUtterance} turns text into tokens. */
export interface TokenizeOptions {
  /**
   * Digit runs at least this long become one placeholder token `<numN>` (N = number of digits), so
   * "order 12345" and "order 45210" look alike to the classifier. Shorter runs ("3", "10") stay as
   * they are. Default 3.
   */
  longNumberMinDigits: number;
}

/** Defaults of {@link TokenizeOptions}. */
export const defaultTokenizeOptions: TokenizeOptions = {
  longNumberMinDigits: 3,
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
  const { longNumberMinDigits } = { ...defaultTokenizeOptions, ...options };
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
    tokens.push(isLongNumber ? `<num${token.length}>` : token);
  }
  return tokens;
}
