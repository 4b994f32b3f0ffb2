import type { EntityDefinition, EntityExtractor } from './entity.ts';
import { createPhraseMatcher, type PhraseEntry } from './phrase-matcher.ts';

/**
 * Extracts canonical values of a lookup table: any synonym, or the canonical value itself, matched
 * case-insensitively as whole words, with plural and possessive endings tolerated ("Tuesdays" →
 * "tuesday"). The longest phrase at a position wins ("new york city" over "new york").
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
  return {
    extract: (text) =>
      match(text).map(({ start, end, value }) => ({
        entity,
        value,
        text: text.slice(start, end),
        start,
        end,
        extractor: 'lookup',
      })),
  };
}
