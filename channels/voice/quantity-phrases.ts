import type { SpeechPhrase } from '../../engine/speech/speech-language.ts';

const units = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const teens = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const digit = { class: 'digit' } as const;
const pair = { class: 'digit_pair' } as const;
const belowHundred = { class: 'below_hundred' } as const;
const unit = { class: 'unit' } as const;

/** Classes the phrases of {@link quantityReadings} refer to (with `digit`). */
export const quantityClasses: Record<string, SpeechPhrase[]> = {
  unit: units.map((u) => [u]),
  // Two digits said as one number ("forty five", "twelve") or as a repeated digit ("double five").
  digit_pair: [...teens.map((t) => [t]), ...tens.flatMap((t) => [[t], ...units.map((u) => [t, u])]), ['double', digit]],
  below_hundred: [...units.map((u) => [u]), ...teens.map((t) => [t]), ...tens.flatMap((t) => [[t], ...units.map((u) => [t, u])])],
};

/** The ways to say the last three digits of a number said as a quantity: "two hundred and ten", "ten". */
const lastThree: SpeechPhrase[] = [[unit, 'hundred'], [unit, 'hundred', belowHundred], [unit, 'hundred', 'and', belowHundred], [belowHundred], ['and', belowHundred]];

/**
 * How people read out a code of `length` digits other than digit by digit, for the answer the bot waits for: in
 * pairs and single digits ("forty five two ten", "four double five one two") and, for four and five digits, as a
 * quantity ("forty five thousand two hundred and ten", which espeak-ng and many people say for 45210). None
 * outside four to eight digits: fewer are said digit by digit anyway, and the pairings of more grow fast.
 */
export function quantityReadings(length: number): SpeechPhrase[] {
  if (length < 4 || length > 8) return [];
  const phrases: SpeechPhrase[] = [];
  const compose = (left: number, items: SpeechPhrase): void => {
    if (left === 0) {
      if (items.some((i) => i === pair)) phrases.push(items);
      return;
    }
    compose(left - 1, [...items, digit]);
    if (left >= 2) compose(left - 2, [...items, pair]);
  };
  compose(length, []);
  if (length === 4) phrases.push(...lastThree.map((rest) => [unit, 'thousand', ...rest]));
  if (length === 5) phrases.push(...lastThree.map((rest) => [pair, 'thousand', ...rest]));
  return phrases;
}

/** The number of digits every phrase of `phrases` has when each is that many `digit` items, or undefined. */
export function fixedDigitLength(phrases: readonly SpeechPhrase[]): number | undefined {
  const lengths = new Set(phrases.map((p) => (p.every((i) => typeof i === 'object' && 'class' in i && i.class === 'digit') ? p.length : -1)));
  const [only] = lengths;
  return lengths.size === 1 && only !== undefined && only > 0 ? only : undefined;
}
