import { ConfigError } from '../../core/contracts/errors/index.ts';
import type { EntityDefinition, EntityExtractor, ExtractedEntity } from './entity.ts';

/**
 * Extracts every match of a regular expression (the `g` flag is added if missing; `y` is dropped).
 * With `group`, the entity is that capture group — its own text and span — and matches where the
 * group did not take part are skipped. Empty matches are skipped. Throws a ConfigError when `group`
 * names a capture group the pattern does not have.
 *
 * @example
 * createRegexEntityExtractor('order_id', { kind: 'regex', pattern: /order (\d{5})/i, group: 1 })
 *   .extract('Order 45210 please') // [{ entity: 'order_id', value: '45210', start: 6, end: 11, ... }]
 */
export function createRegexEntityExtractor(
  entity: string,
  definition: Extract<EntityDefinition, { kind: 'regex' }>,
): EntityExtractor {
  const { pattern, group = 0 } = definition;
  if (!(pattern instanceof RegExp)) {
    throw new ConfigError(`entities.${entity}.pattern`, 'a RegExp', String(pattern));
  }
  const groupCount =
    new RegExp(`${pattern.source}|`, pattern.flags.replace(/[gyd]/g, '')).exec('')!.length - 1;
  if (!Number.isInteger(group) || group < 0 || group > groupCount) {
    throw new ConfigError(
      `entities.${entity}.group`,
      `a capture group of ${pattern} (0 to ${groupCount})`,
      group,
    );
  }
  // "d" records each group's offsets; the pattern is copied so its lastIndex is never shared.
  const regex = new RegExp(pattern.source, `${pattern.flags.replace(/[gyd]/g, '')}gd`);
  return {
    extract(text) {
      const found: ExtractedEntity[] = [];
      for (const match of text.matchAll(regex)) {
        const span = match.indices?.[group];
        const value = match[group];
        if (span === undefined || value === undefined || value === '') continue;
        found.push({ entity, value, text: value, start: span[0], end: span[1], extractor: 'regex' });
      }
      return found;
    },
  };
}
