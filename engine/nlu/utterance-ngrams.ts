/** Which n-grams {@link utteranceNgrams} emits. */
export interface NgramOptions {
  /** Longest word n-gram: 1 = unigrams only, 2 = unigrams and bigrams. Default 2. */
  maxWordNgram: number;
  /** Shortest character n-gram, counted inside word boundaries. Default 2. */
  minCharNgram: number;
  /** Longest character n-gram; 0 turns character n-grams off. Default 5. */
  maxCharNgram: number;
}

/** Defaults of {@link NgramOptions}. */
export const defaultNgramOptions: NgramOptions = {
  maxWordNgram: 2,
  minCharNgram: 2,
  maxCharNgram: 5,
};

/**
 * Key prefix of word n-grams. Character n-gram keys have no prefix: tokens never contain ":", so no
 * character n-gram can start with this one.
 */
export const wordNgramPrefix = 'w:';

const surrogate = /[\uD800-\uDFFF]/;

/**
 * Counts the n-grams of a tokenised utterance. Keys are `w:<words joined by space>` for word n-grams
 * and the bare characters for character n-grams of each token padded with a space on both sides, so
 * prefixes and suffixes are distinct features (" re", "ing "). Placeholder tokens such as `<num5>`
 * only count as words. `charNgramCache` (token → its character n-grams) saves recomputing them for
 * words seen before; the caller bounds its size.
 */
export function utteranceNgrams(
  tokens: readonly string[],
  options: NgramOptions,
  charNgramCache?: Map<string, readonly string[]>,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (let i = 0; i < tokens.length; i++) {
    let gram = tokens[i]!;
    add(wordNgramPrefix + gram);
    for (let n = 2; n <= options.maxWordNgram && i + n <= tokens.length; n++) {
      gram += ` ${tokens[i + n - 1]!}`;
      add(wordNgramPrefix + gram);
    }
  }
  if (options.maxCharNgram <= 0) return counts;
  for (const token of tokens) {
    if (token.startsWith('<')) continue;
    let grams = charNgramCache?.get(token);
    if (grams === undefined) {
      grams = charNgrams(token, options);
      charNgramCache?.set(token, grams);
    }
    for (const g of grams) add(g);
  }
  return counts;
}

function charNgrams(token: string, options: NgramOptions): string[] {
  // Code points, not UTF-16 units, so an astral letter is never split into half surrogates.
  const chars = surrogate.test(token) ? [' ', ...token, ' '] : ` ${token} `;
  const grams: string[] = [];
  for (let n = options.minCharNgram; n <= options.maxCharNgram; n++) {
    for (let start = 0; start + n <= chars.length; start++) {
      grams.push(
        typeof chars === 'string' ? chars.slice(start, start + n) : chars.slice(start, start + n).join(''),
      );
    }
  }
  return grams;
}
