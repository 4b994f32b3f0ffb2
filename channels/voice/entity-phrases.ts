import type { EntityDefinition } from '../../engine/nlu/entity.ts';
import type { SpeechPhrase } from '../../engine/speech/speech-language.ts';
import { speechWords } from './speech-words.ts';

/** Digit words a recognizer hears ("oh" for zero, as people read numbers out). */
export const digitPhrases: SpeechPhrase[] = ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].map((d) => [d]);

const units = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const teens = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Numbers from one to ninety-nine as words, and "a hundred". */
export const numberPhrases: SpeechPhrase[] = [
  ...units.map((u) => [u]),
  ...teens.map((t) => [t]),
  ...tens.flatMap((t) => [[t], ...units.map((u) => [t, u])]),
  ['a', 'hundred'],
  ['one', 'hundred'],
];

/** Ways to say yes or no. */
export const yesNoPhrases: SpeechPhrase[] = [
  'yes', 'yeah', 'yep', 'yes please', 'sure', 'of course', 'go ahead', 'okay', 'that is right', 'correct',
  'no', 'nope', 'no thanks', 'no thank you', "don't", 'do not', 'not now',
].map((p) => speechWords(p));

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'thirtieth'];
const ordinalPhrases: SpeechPhrase[] = [...ordinals.map((o) => [o]), ...units.map((u) => ['twenty', ordinals[units.indexOf(u)]!]), ['thirty', 'first']];
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const number = { class: 'number' } as const;
const ordinal = { class: 'ordinal' } as const;

/** Day names and the relative days a `weekday` entity reads. */
const weekdayPhrases: SpeechPhrase[] = [['today'], ['tomorrow'], ...weekdays.flatMap((d) => [[d], ['next', d], ['this', d], ['on', d]])];

/** How people say how many they are (what the `people` entity reads: "the four of us", "just me", "me and my wife"). */
const peoplePhrases: SpeechPhrase[] = [
  [number],
  ...['people', 'persons', 'guests', 'adults', 'of us'].map((noun) => [number, ...speechWords(noun)]),
  ['the', number, 'of', 'us'],
  ['just', 'me'],
  ['only', 'me'],
  ['myself'],
  ...['wife', 'husband', 'partner', 'friend', 'son', 'daughter'].map((who) => ['me', 'and', 'my', who]),
  ['myself', 'and', number, 'friends'],
  ['me', 'and', number, 'friends'],
  [number, 'adults', 'and', number, 'kids'],
  [number, 'adults', 'and', number, 'children'],
];

/** Classes the phrases of {@link entityPhrases} refer to. */
export const entityHelperClasses: Record<string, SpeechPhrase[]> = { number: numberPhrases, ordinal: ordinalPhrases };

/**
 * The phrases that say a value of `entity`, or undefined when it cannot be said in words a grammar can hold (an
 * e-mail address, a URL, a free pattern, a learned span): digit strings and digit patterns (`\d{5}`) become digit
 * sequences, lookups their values and synonyms (less written abbreviations), numbers, ordinals, dates, times, durations, amounts and yes/no
 * their usual words, weekdays their names and relative days, party sizes how people say them. Phrases may refer to the classes `digit`, `number` and `ordinal`.
 */
export function entityPhrases(entity: EntityDefinition): SpeechPhrase[] | undefined {
  switch (entity.kind) {
    case 'lookup':
      return Object.entries(entity.values)
        .flatMap(([value, synonyms]) => spokenForms([value, ...synonyms]).map((form) => speechWords(form)))
        .filter((p) => p.length > 0);
    case 'number':
      return numberPhrases;
    case 'people':
      return peoplePhrases;
    case 'weekday':
      return weekdayPhrases;
    case 'boolean':
      return yesNoPhrases;
    case 'regex':
      return digitPatternPhrases(entity.pattern);
    case 'digits':
      return digitRuns(entity.length?.min ?? 1, entity.length?.max ?? 20);
    case 'phone':
      return digitRuns(3, 15);
    case 'ordinal':
      return ordinalPhrases;
    case 'percentage':
      return [[number, 'percent']];
    case 'money':
      return ['dollars', 'euros', 'pounds', 'bucks'].map((unit) => [number, unit]);
    case 'duration':
      return ['minutes', 'hours', 'days', 'weeks', 'minute', 'hour', 'day', 'week'].map((unit) => [number, unit]);
    case 'time':
      return [[number, "o'clock"], [number, 'am'], [number, 'pm'], [number, number], ['noon'], ['midnight']];
    case 'date':
    case 'datetime':
      return [['today'], ['tomorrow'], ['yesterday'], ...weekdays.flatMap((d) => [[d], ['next', d], ['on', d]]), ...months.flatMap((m) => [[m, ordinal], ['the', ordinal, 'of', m]])];
    default:
      return undefined;
  }
}

/**
 * The forms of a lookup value people say: a one-word form that begins another one-word form of the value is a written
 * abbreviation ("tue" for "tuesday", "sat" for "saturday") that nobody says, and as a word of the grammar it only
 * lends the recognizer a short wrong answer ("friday" heard as "tue").
 */
function spokenForms(forms: readonly string[]): string[] {
  const words = forms.map((f) => f.toLowerCase()).map((f) => (/^\p{L}+$/u.test(f) ? f : undefined));
  const abbreviates = (short: string | undefined, long: string | undefined) => short !== undefined && long !== undefined && long.length > short.length && long.startsWith(short);
  return forms.filter((_, i) => !words.some((other, j) => j !== i && abbreviates(words[i], other)));
}

/** Whether the entity's values are digit strings read out digit by digit (an order number, a phone number). */
export function readAsDigits(entity: EntityDefinition | undefined): boolean {
  return entity?.kind === 'digits' || entity?.kind === 'phone' || (entity?.kind === 'regex' && entityPhrases(entity) !== undefined);
}

/** Strings of `min` to `max` digit words (a repeat when the range is wide). */
function digitRuns(min: number, max: number): SpeechPhrase[] {
  const digit = { class: 'digit' } as const;
  if (max - min > 8 || max > 20) return [[{ repeat: digit }]];
  const phrases: SpeechPhrase[] = [];
  for (let n = Math.max(1, min); n <= max; n++) phrases.push(Array.from({ length: n }, () => digit));
  return phrases;
}

function digitPatternPhrases(pattern: RegExp): SpeechPhrase[] | undefined {
  // Only a pattern made of one digit run (with look-arounds and anchors) is a spoken digit string.
  const core = pattern.source.replace(/\(\?<?[=!][^)]*\)|\^|\$|\\b/g, '');
  const match = /^(?:\\d|\[0-9\])(?:\{(\d+)(?:,(\d*))?\}|(\+))$/.exec(core);
  if (!match) return undefined;
  if (match[3]) return digitRuns(1, 99);
  const min = Number(match[1]);
  return digitRuns(min, match[2] === undefined ? min : match[2] === '' ? 99 : Number(match[2]));
}
