import { builtinWordVectors } from '../nlu/load-word-vectors.ts';

/** Words this frequent (their row in the shipped GloVe vectors, which are ordered by frequency) are common English. */
export const commonEnglishWordRank = 20_000;

let known: ((word: string) => boolean) | undefined;

/**
 * Is `word` (lower case) one of the most frequent English words? A common word is a word in its own right, never
 * a misspelling of another. Without the shipped vectors every word counts as uncommon.
 */
export function isCommonEnglishWord(word: string): boolean {
  if (!known) {
    try {
      const vectors = builtinWordVectors();
      known = (w) => {
        const row = vectors.rowOf(w);
        return row >= 0 && row < commonEnglishWordRank;
      };
    } catch {
      known = () => false;
    }
  }
  return known(word);
}
