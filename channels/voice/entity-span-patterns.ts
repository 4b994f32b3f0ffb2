import type { EntityDefinition } from '../../engine/nlu/entity.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const units = 'one|two|three|four|five|six|seven|eight|nine';
const teens = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const tens = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
/**
 * A number as an example writes it: up to three digits, or words up to ninety-nine; "one" alone is left out, as it is
 * mostly a pronoun ("have a good one").
 */
const numberWords = `(?:\\d{1,3}|(?:${tens})(?:[ -](?:${units}))?|${teens}|${units.replace('one|', '')})`;
const days = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

/**
 * Patterns (global, over lower-case text) that find an entity's values written in an example, so the example
 * becomes a phrase with the entity's class in their place ("a room for 3 people" → "a room for ⟨people⟩ people"
 * covers every count). Empty for a kind whose values an example cannot be searched for (a learned span).
 */
export function entitySpanPatterns(entity: EntityDefinition): RegExp[] {
  switch (entity.kind) {
    case 'regex':
      return [new RegExp(entity.pattern.source, entity.pattern.flags.includes('g') ? entity.pattern.flags : `${entity.pattern.flags}g`)];
    case 'lookup':
      return Object.entries(entity.values).flatMap(([v, s]) => [v, ...s]).map((form) => new RegExp(`\\b${escapeRegExp(form.toLowerCase())}\\b`, 'g'));
    case 'digits':
      return [new RegExp(`(?<!\\d)\\d{${entity.length?.min ?? 1},${entity.length?.max ?? 20}}(?!\\d)`, 'g')];
    case 'number':
      return [new RegExp(`(?<![\\d.,])\\b${numberWords}\\b(?![\\d.,])`, 'g')];
    case 'people':
      return [new RegExp(`\\b(?:the )?${numberWords} (?:people|persons|guests|adults|of us)\\b`, 'g')];
    case 'weekday':
      return [new RegExp(`\\b(?:(?:next|this|on) )?(?:${days})\\b|\\b(?:today|tomorrow)\\b`, 'g')];
    case 'email':
      return [/[^\s@<>()"']+@[^\s@<>()"']+\.[a-z]{2,}/g];
    case 'url':
      return [/\bhttps?:\/\/\S+|\bwww\.\S+/g];
    default:
      return [];
  }
}
