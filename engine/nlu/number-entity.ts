import type { EntityExtractor, ExtractedEntity } from './entity.ts';
import { findNumberWords, numberScaleWords } from './number-words.ts';

// Not inside a word or another number; a trailing letter is fine ("3rd", "5pm"), a decimal tail is not.
const digitNumber =
  /(?<![\p{L}\p{N}_.])(?:(?<![\p{L}\p{N}_-])-)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\p{N}_]|\.\d|,\d{3}(?!\d))/gu;
const scaleAfter = /^\s+(\p{L}+)/u;

/**
 * Extracts numbers written with digits ("3", "12.5", "-4", "1,200"; "1,200" is 1200) or English
 * words ("three", "twenty one", "a hundred"), and digits with a scale word ("5 thousand" = 5000). The
 * value is a JavaScript number.
 *
 * @example
 * createNumberEntityExtractor('guests').extract('table for twenty one at 7') // values 21 and 7
 */
export function createNumberEntityExtractor(entity: string): EntityExtractor {
  return {
    extract(text) {
      const found: ExtractedEntity[] = [];
      const add = (start: number, end: number, value: number): void => {
        found.push({ entity, value, text: text.slice(start, end), start, end, extractor: 'number' });
      };
      for (const match of text.matchAll(digitNumber)) {
        let value = Number(match[0].replace(/,/g, ''));
        let end = match.index + match[0].length;
        const scale = scaleAfter.exec(text.slice(end));
        const multiplier = scale === null ? undefined : numberScaleWords.get(scale[1]!.toLowerCase());
        if (scale !== null && multiplier !== undefined) {
          value *= multiplier;
          end += scale[0].length;
        }
        add(match.index, end, value);
      }
      for (const { start, end, value } of findNumberWords(text)) {
        if (!found.some((f) => start < f.end && f.start < end)) add(start, end, value);
      }
      return found.sort((a, b) => a.start - b.start);
    },
  };
}
