import type { EntityDefinition, EntityExtractor, ExtractedEntity } from './entity.ts';
import { createFuzzyPhraseMatcher } from './fuzzy-phrase-matcher.ts';
import { builtinWordVectors } from './load-word-vectors.ts';
import { createPhraseMatcher, type PhraseEntry } from './phrase-matcher.ts';

/**
 * Words this frequent in English (their rank in the shipped word vectors, which are ordered by frequency) are
 * words in their own right, never typos of a lookup value: "shall" is not "small", "tall" is not "tail".
 */
const commonWordRank = 20_000;

let vocabulary: ((word: string) => boolean) | undefined;
function isCommonWord(word: string): boolean {
  if (!vocabulary) {
    try {
      const vectors = builtinWordVectors();
      vocabulary = (w) => {
        const row = vectors.rowOf(w);
        return row >= 0 && row < commonWordRank;
      };
    } catch {
      // Without the shipped vectors typos are still matched, only without the common-word guard.
      vocabulary = () => false;
    }
  }
  return vocabulary(word);
}

/**
 * Extracts canonical values of a lookup table: any synonym, or the canonical value itself, matched
 * case-insensitively as whole words, with plural and possessive endings tolerated ("Tuesdays" →
 * "tuesday"). The longest phrase at a position wins ("new york city" over "new york"). Unless `fuzzy` is
 * false, words that match nothing exactly are compared with the phrases within a typo allowance scaled to
 * the phrase's length ("larg" → "large", "peperoni" → "pepperoni"); such a match carries `matched` and `typos`.
 *
 * @example
 * createLookupEntityExtractor('city', { kind: 'lookup', values: { 'new york': ['nyc', 'big apple'] } })
 *   .extract('flights to NYC') // [{ entity: 'city', value: 'new york', text: 'NYC', start: 11, end: 14, ... }]
 */
export function createLookupEntityExtractor(
  entity: string,
  definition: Extract<EntityDefinition, { kind: 'lookup' }>,
): EntityExtractor {
  const entries: PhraseEntry<string>[] = [];
  for (const [canonical, synonyms] of Object.entries(definition.values)) {
    entries.push({ phrase: canonical, value: canonical });
    for (const synonym of synonyms) entries.push({ phrase: synonym, value: canonical });
  }
  const match = createPhraseMatcher(entries, { inflections: true });
  const fuzzy = definition.fuzzy === false ? undefined : createFuzzyPhraseMatcher(entries, { isKnownWord: isCommonWord });
  return {
    extract(text) {
      const exact: ExtractedEntity[] = match(text).map(({ start, end, value }) => ({
        entity,
        value,
        text: text.slice(start, end),
        start,
        end,
        extractor: 'lookup',
      }));
      if (!fuzzy) return exact;
      const typos: ExtractedEntity[] = fuzzy(text, exact).map(({ start, end, value, phrase, typos: distance }) => ({
        entity,
        value,
        text: text.slice(start, end),
        start,
        end,
        extractor: 'lookup',
        matched: phrase,
        typos: distance,
      }));
      return [...exact, ...typos].sort((a, b) => a.start - b.start);
    },
  };
}
