import type { ExtractedEntity } from '../nlu/entity.ts';

/** Where an entity came from, in the order overlaps are decided: a regex or list is what the bot said exactly. */
export type EntitySource = 'regex' | 'lookup' | 'builtin' | 'learned';

/**
 * An entity found in an utterance: the name the skill declared, its normalised `value`, the `text` as the user
 * wrote it and its offsets (`end` exclusive), what found it (`source`, and in `extractor` the kind: "date",
 * "money", "lookup", "tagger", …) and, for built-ins, the details behind the value in `resolution` (a money
 * amount's currency, a date's weekday and time zone, a duration in ISO 8601).
 */
export interface RecognizedEntity extends ExtractedEntity {
  source: EntitySource;
  resolution?: Readonly<Record<string, string | number>>;
}
