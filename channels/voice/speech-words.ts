import { spellDigits } from '../../engine/speech/spell-digits.ts';

/**
 * Text as the lower-case words a recognizer's dictionary uses: punctuation dropped (apostrophes inside words
 * kept: "what's"), hyphens and slashes split words, digits spelled out one by one.
 */
export function speechWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\d+/g, (digits) => ` ${spellDigits(digits)} `)
    .replace(/[^\p{L}']+/gu, ' ')
    .split(' ')
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}
