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

/** Key prefix of word n-grams; keys starting with {@link charNgramPrefix} are character n-grams. */
export const wordNgramPrefix = 'w:';
/** Key prefix of character n-grams. */
export const charNgramPrefix = 'c:';

const surrogate = /[\uD800-\uDFFF]/;

/**
 * Counts the n-grams of a tokenised utterance. Keys are `w:<words joined by space>` for word n-grams
 * and `c:<chars>` for character n-grams of each token padded with a space on both sides, so
 * prefixes and suffixes are distinct features (" re", "ing "). Placeholder tokens such as `<num5>`
 * only count as words.
 */
export function utteranceNgrams(tokens: readonly string[], options: NgramOptions): Map<string, number> {
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
    // Code points, not UTF-16 units, so an astral letter is never split into half surrogates.
    const chars = surrogate.test(token) ? [' ', ...token, ' '] : ` ${token} `;
    for (let n = options.minCharNgram; n <= options.maxCharNgram; n++) {
      for (let start = 0; start + n <= chars.length; start++) {
        const gram = typeof chars === 'string' ? chars.slice(start, start + n) : chars.slice(start, start + n).join('');
        add(charNgramPrefix + gram);
      }
    }
  }
  return counts;
}
