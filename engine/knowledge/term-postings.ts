import type MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import { isCommonEnglishWord } from './is-common-english-word.ts';
import type { TermPostings } from './score-concepts.ts';

/** The fields of a chunk as minisearch indexes them. */
export interface IndexedFields {
  id: string;
  /** The document's title. */
  title: string;
  /** The section's headings below the title, one per line. */
  headings: string;
  text: string;
}

/** What {@link findTermPostings} looks up. */
export interface FindTermPostingsOptions {
  search: MiniSearch<IndexedFields>;
  /** One index term (a stem). */
  term: string;
  /** Shortest term matched with one typo, two from twice that; 0 = never. */
  fuzzyMinLength: number;
  /** Shortest term that also matches longer terms it starts; 0 = never. */
  prefixMinLength: number;
}

const numeric = /^\d/;

/**
 * A variant keeps the term's first letter: misspellings rarely change it, and a correctly spelled word missing
 * from the documents would otherwise be read as a typo of another that begins differently ("early" → "yearly").
 */
const isVariantOf = (term: string) => (variant: string) => variant[0] === term[0];

/**
 * Where a term occurs: its BM25 score in each chunk's text (minisearch, with modest typo and prefix tolerance, a
 * typo never in the first letter; numbers match exactly), the chunks whose headings or title contain it, and the
 * chunks containing the term itself rather than a variant. A term found nowhere may stand for a shorter index term
 * (see `misspeltInflection`); it is then never exact.
 */
export function findTermPostings(options: FindTermPostingsOptions): TermPostings {
  const { search, term, fuzzyMinLength, prefixMinLength } = options;
  const isNumber = numeric.test(term);
  const termOptions: SearchOptions = {
    tokenize: (query: string) => [query],
    processTerm: (t: string) => t,
    fuzzy:
      isNumber || fuzzyMinLength <= 0 || term.length < fuzzyMinLength
        ? false
        : term.length >= 2 * fuzzyMinLength
          ? 2
          : 1,
    prefix: !isNumber && prefixMinLength > 0 && term.length >= prefixMinLength,
  };
  const text = new Map<string, number>();
  const headings = new Set<string>();
  const title = new Set<string>();
  const exact = new Set<string>();
  const keeps = isVariantOf(term);
  const results = (fields: string[]) =>
    search.search(term, { ...termOptions, fields }).filter((result) => result.terms.some(keeps));
  for (const result of results(['text'])) {
    text.set(result.id as string, result.score);
    if (result.terms.includes(term)) exact.add(result.id as string);
  }
  for (const result of results(['title', 'headings'])) {
    const fields = new Set(Object.values(result.match).flat());
    if (fields.has('headings')) headings.add(result.id as string);
    if (fields.has('title')) title.add(result.id as string);
    if (result.terms.includes(term)) exact.add(result.id as string);
  }
  if (text.size === 0 && headings.size === 0 && title.size === 0 && !isNumber) {
    const stem = misspeltInflection(search, term, prefixMinLength);
    if (stem)
      return {
        ...findTermPostings({ ...options, term: stem, fuzzyMinLength: 0, prefixMinLength: 0 }),
        exact: new Set(),
      };
  }
  return { text, headings, title, exact };
}

/** Letters a misspelt ending may leave on a word the stemmer then cannot reduce ("recyclng" keeps its "ng"). */
const maxEndingLetters = 3;

/**
 * The index term a word that matched nothing at all begins with, when only a short ending follows it: a typo in the
 * ending keeps the stemmer from stripping it ("recyclng" is "recycl" + "ng"), so the longest index term of at least
 * `minLength` letters that the word starts with, with at most three letters after it, stands for the word. A common
 * English word is a word of its own ("collector" is not a misspelt "collect").
 */
function misspeltInflection(
  search: MiniSearch<IndexedFields>,
  term: string,
  minLength: number,
): string | undefined {
  if (minLength <= 0 || isCommonEnglishWord(term)) return undefined;
  for (let cut = 1; cut <= maxEndingLetters && term.length - cut >= minLength; cut++) {
    const stem = term.slice(0, term.length - cut);
    if (
      search.search(stem, { tokenize: (q) => [q], processTerm: (t) => t, fuzzy: false, prefix: false })
        .length > 0
    )
      return stem;
  }
  return undefined;
}
