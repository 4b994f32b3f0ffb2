/** A number written in English words, found in a text; `end` is exclusive. */
export interface NumberWordsMatch {
  start: number;
  end: number;
  value: number;
}

type WordKind = 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' | 'dozen';

const words = new Map<string, [WordKind, number]>();
const units = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const teens = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
for (const [i, word] of units.entries()) words.set(word, ['unit', i]);
for (const [i, word] of teens.entries()) words.set(word, ['teen', 10 + i]);
for (const [i, word] of tens.entries()) words.set(word, ['tens', 20 + 10 * i]);
words.set('hundred', ['hundred', 100]);
words.set('dozen', ['dozen', 12]);
words.set('thousand', ['scale', 1e3]);
words.set('million', ['scale', 1e6]);
words.set('billion', ['scale', 1e9]);
words.set('trillion', ['scale', 1e12]);

/** Multipliers that may follow a number written in digits ("5 thousand", "2.5 million"). */
export const numberScaleWords: ReadonlyMap<string, number> = new Map([
  ['hundred', 100],
  ['dozen', 12],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
]);

/** Which kinds may follow the previous word inside one number. */
const canFollow: Record<WordKind, ReadonlyArray<WordKind | 'start'>> = {
  unit: ['start', 'tens', 'hundred', 'scale'],
  teen: ['start', 'hundred', 'scale'],
  tens: ['start', 'hundred', 'scale'],
  hundred: ['unit', 'teen', 'tens'],
  scale: ['unit', 'teen', 'tens', 'hundred'],
  dozen: ['unit', 'teen', 'tens'],
};

interface Token {
  word: string;
  start: number;
  end: number;
}

/**
 * Finds numbers written in English words: "three", "twenty one", "twenty-one", "a hundred",
 * "one hundred and five", "two thousand three hundred", "a dozen", "nineteen hundred". Words that
 * cannot continue a number start a new one, so "one two three" is three numbers. Case-insensitive.
 */
export function findNumberWords(text: string): NumberWordsMatch[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/\p{L}+/gu))
    tokens.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  const found: NumberWordsMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const match = parseNumberAt(text, tokens, i);
    if (match === undefined) {
      i++;
      continue;
    }
    found.push({ start: tokens[i]!.start, end: tokens[match.next - 1]!.end, value: match.value });
    i = match.next;
  }
  return found;
}

/** The longest number starting at token `first`, and the index of the token after it. */
function parseNumberAt(
  text: string,
  tokens: readonly Token[],
  first: number,
): { next: number; value: number } | undefined {
  const adjacent = (i: number): boolean =>
    i === first || /^[\s-]+$/.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start));
  const kindAt = (i: number): WordKind | undefined => {
    const token = tokens[i];
    return token === undefined || !adjacent(i) ? undefined : words.get(token.word)?.[0];
  };
  const head = tokens[first]!.word;
  if (head === 'zero') return { next: first + 1, value: 0 };
  let total = 0;
  let group = 0;
  let last: WordKind | 'start' = 'start';
  let lastScale = Number.POSITIVE_INFINITY;
  let i = first;
  let end: { next: number; value: number } | undefined;
  if (head === 'a' || head === 'an') {
    const kind = kindAt(first + 1);
    if (kind !== 'hundred' && kind !== 'scale' && kind !== 'dozen') return undefined;
    group = 1;
    last = 'unit';
    i++;
  }
  for (; i < tokens.length; i++) {
    let kind = kindAt(i);
    if (tokens[i]!.word === 'and' && adjacent(i) && (last === 'hundred' || last === 'scale')) {
      const nextKind = kindAt(i + 1);
      if (nextKind !== 'unit' && nextKind !== 'teen' && nextKind !== 'tens') break;
      i++;
      kind = nextKind;
    }
    if (kind === undefined || !canFollow[kind].includes(last) || tokens[i]!.word === 'zero') break;
    const value = words.get(tokens[i]!.word)![1];
    if (kind === 'unit' || kind === 'teen' || kind === 'tens') group += value;
    else if (kind === 'hundred' || kind === 'dozen') group *= value;
    else {
      if (value >= lastScale) break;
      total += group * value;
      group = 0;
      lastScale = value;
    }
    last = kind;
    end = { next: i + 1, value: total + group };
    if (kind === 'dozen') break;
  }
  return end;
}
