import { editDistance, typoAllowance } from './edit-distance.ts';
import type { PhraseEntry } from './phrase-matcher.ts';

/** A phrase found with typos: where, what it stands for, which phrase it was taken for, and how many typos. */
export interface FuzzyMatch<V> {
  start: number;
  end: number;
  value: V;
  /** The phrase of the table the text was taken for. */
  phrase: string;
  /** Edit distance between the text and `phrase` (at least 1). */
  typos: number;
}

/** Options of {@link createFuzzyPhraseMatcher}. */
export interface FuzzyPhraseMatcherOptions {
  /**
   * Words never taken for a typo of a phrase, because they are words in their own right ("shall" is not a
   * typo of "small"). Default: none.
   */
  isKnownWord: (word: string) => boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const tokenPattern = /[\p{L}\p{N}'’]+/gu;

/**
 * Finds phrases written with typos, as whole words: each run of words outside `covered` spans is compared with
 * every phrase of the same word count, within {@link typoAllowance} of the phrase's length. A run equally close
 * to two phrases of different values is left alone rather than guessed. Known words are skipped.
 */
export function createFuzzyPhraseMatcher<V>(entries: readonly PhraseEntry<V>[], options: Partial<FuzzyPhraseMatcherOptions> = {}) {
  const isKnownWord = options.isKnownWord ?? (() => false);
  const phrases = entries
    .map(({ phrase, value }) => ({ phrase: phrase.toLowerCase().replace(/[’]/g, "'").split(/[\s-]+/).filter(Boolean).join(' '), value }))
    .filter((p) => p.phrase.length > 3);
  const maxWords = Math.max(0, ...phrases.map((p) => p.phrase.split(' ').length));
  return (text: string, covered: ReadonlyArray<{ start: number; end: number }>): FuzzyMatch<V>[] => {
    const tokens: Token[] = [...text.matchAll(tokenPattern)]
      .map((m) => ({ text: m[0].toLowerCase().replace(/[’]/g, "'"), start: m.index, end: m.index + m[0].length }))
      .filter((t) => !covered.some((c) => t.start < c.end && c.start < t.end));
    const found: FuzzyMatch<V>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const match = bestAt(tokens, i);
      if (match) {
        found.push(match.found);
        i += match.words;
      } else i += 1;
    }
    return found;
  };

  function bestAt(tokens: readonly Token[], i: number): { found: FuzzyMatch<V>; words: number } | undefined {
    for (let words = Math.min(maxWords, tokens.length - i); words >= 1; words -= 1) {
      const run = tokens.slice(i, i + words);
      // Words of a run must be adjacent in the text (only spacing or hyphens between them).
      if (run.some((t, k) => k > 0 && t.start - run[k - 1]!.end > 2)) continue;
      const candidate = run.map((t) => t.text).join(' ');
      if (candidate.length < 3 || (words === 1 && isKnownWord(candidate))) continue;
      let best: { phrase: string; value: V; typos: number } | undefined;
      let ambiguous = false;
      for (const p of phrases) {
        if (p.phrase.split(' ').length !== words) continue;
        const allowed = typoAllowance(p.phrase.length);
        const typos = editDistance(candidate, p.phrase, allowed);
        if (typos === 0 || typos > allowed) continue;
        if (!best || typos < best.typos) {
          best = { ...p, typos };
          ambiguous = false;
        } else if (typos === best.typos && p.value !== best.value) ambiguous = true;
      }
      if (best && !ambiguous) {
        return { found: { start: run[0]!.start, end: run.at(-1)!.end, value: best.value, phrase: best.phrase, typos: best.typos }, words };
      }
    }
    return undefined;
  }
}
