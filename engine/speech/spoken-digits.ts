const digitWords: Readonly<Record<string, number>> = {
  zero: 0, oh: 0, o: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const teenWords: Readonly<Record<string, number>> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const tensWords: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const scaleWords: Readonly<Record<string, number>> = { thousand: 1000, million: 1_000_000 };
const repeatWords: Readonly<Record<string, number>> = { double: 2, triple: 3 };
const zeroWords = new Set(['zero', 'oh', 'o']);

/** A number read out in one breath: digits in a row, a quantity, or a repeated digit. */
interface NumberGroup {
  digits: string;
  /** The words it was read from. */
  words: number;
  kind: 'digit' | 'quantity' | 'repeat';
  /** Whether it says hundred, thousand or million. */
  scaled: boolean;
}

const isNumberWord = (w: string) =>
  w in digitWords || w in teenWords || w in tensWords || w in scaleWords || w === 'hundred' || w in repeatWords || w === 'and' || w === 'a';

/**
 * Reads the number that starts at `words[at]`, or undefined. A quantity follows English number grammar ("forty five
 * thousand two hundred and ten" is 45210); a word that cannot continue it ("two" after "four", "ten" after
 * "forty") starts the next number, so a code read in pairs ("forty five two ten") is several groups.
 */
function readGroup(words: readonly string[], at: number): NumberGroup | undefined {
  const word = words[at]!;
  const next = words[at + 1];
  if (word in repeatWords && next !== undefined && next in digitWords && !zeroWords.has(next))
    return { digits: String(digitWords[next]).repeat(repeatWords[word]!), words: 2, kind: 'repeat', scaled: false };
  if (word in repeatWords && next !== undefined && zeroWords.has(next)) return { digits: '0'.repeat(repeatWords[word]!), words: 2, kind: 'repeat', scaled: false };
  if (zeroWords.has(word)) return { digits: '0', words: 1, kind: 'digit', scaled: false };
  let total = 0;
  let current = 0;
  let last: 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' = 'none';
  let lastScale = Number.POSITIVE_INFINITY;
  let i = at;
  for (; i < words.length; i++) {
    const w = words[i]!;
    const opens = last === 'none' || last === 'hundred' || last === 'scale';
    if (w === 'a' && last === 'none' && (words[i + 1] === 'hundred' || words[i + 1]! in scaleWords)) {
      current = 1;
      last = 'unit';
    } else if (w in digitWords && !zeroWords.has(w) && (opens || last === 'tens')) {
      current += digitWords[w]!;
      last = 'unit';
    } else if (w in teenWords && opens) {
      current += teenWords[w]!;
      last = 'teen';
    } else if (w in tensWords && opens) {
      current += tensWords[w]!;
      last = 'tens';
    } else if (w === 'hundred' && (last === 'unit' || last === 'teen' || last === 'tens') && current < 100) {
      current *= 100;
      last = 'hundred';
    } else if (w in scaleWords && last !== 'none' && last !== 'scale' && current > 0 && current < 1000 && scaleWords[w]! < lastScale) {
      total += current * scaleWords[w]!;
      lastScale = scaleWords[w]!;
      current = 0;
      last = 'scale';
    } else if (w === 'and' && (last === 'hundred' || last === 'scale') && words[i + 1] !== undefined && (words[i + 1]! in digitWords || words[i + 1]! in teenWords || words[i + 1]! in tensWords) && !zeroWords.has(words[i + 1]!)) {
      // "two hundred and ten": the "and" joins the parts of one quantity.
    } else break;
  }
  if (i === at) return undefined;
  const single = i - at === 1 && word in digitWords;
  return { digits: String(total + current), words: i - at, kind: single ? 'digit' : 'quantity', scaled: words.slice(at, i).some((w) => w === 'hundred' || w in scaleWords) };
}

/**
 * Writes numbers read out as digits ("four zero two one one" → "40211"), so that digit entities (order numbers,
 * codes, card numbers) read them as typed. Numbers are read the ways people say them: digit by digit, with "oh" for
 * zero ("four five two one oh"), "double"/"triple" ("double five" → "55"), as quantities ("forty five thousand two
 * hundred and ten" → "45210", "twelve thousand three hundred forty five" → "12345") and in pairs ("forty five two
 * ten" → "45210"). Small numbers stay words, as typed text has them: a single digit word ("just one item", needs
 * `minimumRun` digit words, default 2), "twenty five", and two short numbers in a row ("five thirty"); "oh" counts as
 * zero only with other digits.
 */
export function spokenDigitsToText(text: string, minimumRun = 2): string {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...readRun(run, minimumRun));
    run = [];
  };
  for (const word of words) {
    const parts = word.toLowerCase().split('-');
    if (parts.every(isNumberWord)) run.push(...(parts.length > 1 ? parts : [word]));
    else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out.join(' ');
}

/**
 * A run of number words with each stretch of numbers read out written as one digit string; words that start no
 * number here ("and" or "a" alone, "hundred" first) stay words and separate the stretches.
 */
function readRun(run: readonly string[], minimumRun: number): string[] {
  const lower = run.map((w) => w.toLowerCase());
  const out: string[] = [];
  let stretch: { groups: NumberGroup[]; words: string[] } = { groups: [], words: [] };
  const flush = () => {
    if (stretch.groups.length > 0) out.push(...asDigits(stretch.groups, stretch.words, minimumRun));
    stretch = { groups: [], words: [] };
  };
  for (let at = 0; at < run.length; ) {
    const group = readGroup(lower, at);
    if (!group) {
      flush();
      out.push(run[at]!);
      at++;
      continue;
    }
    stretch.groups.push(group);
    stretch.words.push(...run.slice(at, at + group.words));
    at += group.words;
  }
  flush();
  return out;
}

/** The stretch as one digit string when it is a number read out, or its words as they were. */
function asDigits(groups: readonly NumberGroup[], words: readonly string[], minimumRun: number): string[] {
  const digits = groups.map((g) => g.digits).join('');
  if (groups.every((g) => g.kind === 'digit')) {
    const zeroOnly = groups.length === 1 && zeroWords.has(words[0]!.toLowerCase());
    return groups.length >= minimumRun && !zeroOnly ? [digits] : [...words];
  }
  const readOut = groups.some((g) => g.scaled || g.kind === 'repeat') || (groups.length >= 2 && digits.length >= 4);
  return readOut ? [digits] : [...words];
}
