/** A phrase to look for and what a match of it means. */
export interface PhraseEntry<V> {
  phrase: string;
  value: V;
}

/** Where a phrase was found; `end` is exclusive. */
export interface PhraseMatch<V> {
  start: number;
  end: number;
  value: V;
}

/** How {@link createPhraseMatcher} matches. */
export interface PhraseMatcherOptions {
  /**
   * Also match a phrase followed by a plural or possessive ending ("tuesdays", "boxes", "cities",
   * "bob's", "parents'"). Default false.
   */
  inflections: boolean;
}

/** Defaults of {@link PhraseMatcherOptions}. */
export const defaultPhraseMatcherOptions: PhraseMatcherOptions = { inflections: false };

/** Finds phrases in a text; returns matches in order, none overlapping. */
export type PhraseMatcher<V> = (text: string) => PhraseMatch<V>[];

// A phrase must not start or end inside a word; an apostrophe between letters is inside a word.
const before = String.raw`(?<![\p{L}\p{N}_]|[\p{L}\p{N}]['’])`;
const after = String.raw`(?![\p{L}\p{N}_]|['’][\p{L}\p{N}])`;
const inflection = "(?:['’]s|s['’]|e?s)?";

/**
 * Compiles phrases into one case-insensitive matcher. Matching is whole-word, tolerant of spacing
 * ("go  ahead"), hyphens for spaces ("check-in"), curly or missing apostrophes ("thats", "that’s").
 * At each position the longest phrase wins, and scanning resumes after it. Phrases that normalise
 * to nothing are ignored; when two entries share a phrase the first one wins.
 */
export function createPhraseMatcher<V>(
  entries: readonly PhraseEntry<V>[],
  options: Partial<PhraseMatcherOptions> = {},
): PhraseMatcher<V> {
  const { inflections } = { ...defaultPhraseMatcherOptions, ...options };
  const variants: Array<{ words: string[]; value: V; length: number }> = [];
  const seen = new Set<string>();
  for (const { phrase, value } of entries) {
    const words = phrase
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .split(/[\s-]+/)
      .filter(Boolean);
    const key = words.join(' ');
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    variants.push({ words, value, length: key.length });
  }
  if (variants.length === 0) return () => [];
  // Sorted longest first: the regex tries alternatives in order, so the longest phrase at a position wins.
  variants.sort((a, b) => b.length - a.length);
  const alternatives = variants.map(({ words }) => `(${phrasePattern(words, inflections)})`);
  const regex = new RegExp(`${before}(?:${alternatives.join('|')})${after}`, 'giu');
  return (text) => {
    const matches: PhraseMatch<V>[] = [];
    for (const match of text.matchAll(regex)) {
      const which = match.findIndex((group, i) => i > 0 && group !== undefined);
      matches.push({
        start: match.index,
        end: match.index + match[0].length,
        value: variants[which - 1]!.value,
      });
    }
    return matches;
  };
}

function phrasePattern(words: readonly string[], inflections: boolean): string {
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]?"));
  const last = words[words.length - 1]!;
  let tail = escaped.pop()!;
  if (inflections) {
    // "city" also matches "cities"; every phrase may take "s", "es", "'s" or "s'".
    const yPlural = /[^aeiou]y$/.test(last) ? `|${tail.slice(0, -1)}ies` : '';
    tail = `(?:${tail}${inflection}${yPlural})`;
  }
  return [...escaped, tail].join(String.raw`[\s-]+`);
}
