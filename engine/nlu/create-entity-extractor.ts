import { ConfigError } from '../../core/contracts/errors/index.ts';
import { createBooleanEntityExtractor } from './boolean-entity.ts';
import type { EntityDefinition, EntityExtractor, ExtractedEntity } from './entity.ts';
import { createLookupEntityExtractor } from './lookup-entity.ts';
import { createNumberEntityExtractor } from './number-entity.ts';
import { createRegexEntityExtractor } from './regex-entity.ts';

/**
 * One extractor for all the entities a bot declares, keyed by entity name. Each definition is
 * extracted on its own, so spans of different entities may overlap (an order number is also a
 * number); results are sorted by start offset, then by longest span. Throws a ConfigError for an
 * unknown kind or a bad definition.
 *
 * @example
 * const extractor = createEntityExtractor({
 *   order_id: { kind: 'regex', pattern: /(?<!\d)\d{5}(?!\d)/ },
 *   confirm: { kind: 'boolean' },
 * });
 * extractor.extract('no, the order number is 45210');
 * // [{ entity: 'confirm', value: false, start: 0, end: 2, ... },
 * //  { entity: 'order_id', value: '45210', start: 24, end: 29, ... }]
 */
export function createEntityExtractor(definitions: Record<string, EntityDefinition>): EntityExtractor {
  const extractors = Object.entries(definitions).map(([entity, definition]) => createOne(entity, definition));
  return {
    extract(text) {
      const found: ExtractedEntity[] = extractors.flatMap((extractor) => extractor.extract(text));
      return found.sort((a, b) => a.start - b.start || b.end - a.end);
    },
  };
}

function createOne(entity: string, definition: EntityDefinition): EntityExtractor {
  switch (definition?.kind) {
    case 'regex':
      return createRegexEntityExtractor(entity, definition);
    case 'lookup':
      return createLookupEntityExtractor(entity, definition);
    case 'number':
      return createNumberEntityExtractor(entity);
    case 'boolean':
      return createBooleanEntityExtractor(entity);
    default:
      throw new ConfigError(
        `entities.${entity}.kind`,
        '"regex", "lookup", "number" or "boolean"',
        (definition as { kind?: unknown } | undefined)?.kind,
      );
  }
}
