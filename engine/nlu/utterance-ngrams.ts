/** Which n-grams a {@link TfidfVectorizer} uses as features. */
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

/** Whether a feature key is a single word (not a character n-gram, not a multi-word n-gram). */
export function isWordUnigram(key: string): boolean {
  return key.startsWith(wordNgramPrefix) && !key.includes(' ');
}

const surrogate = /[\uD800-\uDFFF]/;

/**
 * The n-gram keys one token contributes on its own: its word key `w:<token>` first, then the
 * character n-grams of the token padded with a space on both sides, so prefixes and suffixes are
 * distinct features (" re", "ing "). Placeholder tokens such as `<num5>` only count as words.
 */
export function tokenNgramKeys(token: string, options: NgramOptions): string[] {
  const keys = [wordNgramPrefix + token];
  if (options.maxCharNgram <= 0 || token.startsWith('<')) return keys;
  // Code points, not UTF-16 units, so an astral letter is never split into half surrogates.
  const chars = surrogate.test(token) ? [' ', ...token, ' '] : ` ${token} `;
  for (let n = options.minCharNgram; n <= options.maxCharNgram; n++) {
    for (let start = 0; start + n <= chars.length; start++) {
      keys.push(
        typeof chars === 'string' ? chars.slice(start, start + n) : chars.slice(start, start + n).join(''),
      );
    }
  }
  return keys;
}

/** Calls `visit` with the key `w:<words joined by space>` of every word n-gram of 2 or more words. */
export function forEachMultiWordNgram(
  tokens: readonly string[],
  options: NgramOptions,
  visit: (key: string) => void,
): void {
  for (let i = 0; i < tokens.length; i++) {
    let gram = wordNgramPrefix + tokens[i]!;
    for (let n = 2; n <= options.maxWordNgram && i + n <= tokens.length; n++) {
      gram += ` ${tokens[i + n - 1]!}`;
      visit(gram);
    }
  }
}
