import type { BuiltinEntityDefinition, DigitsEntityDefinition, LearnedEntityDefinition } from '../entities/entity-declaration.ts';

/** An entity value found in an utterance. */
export interface ExtractedEntity {
  /** Entity name as the skill declared it, e.g. "order_id", "city", "number". */
  entity: string;
  /** Normalised value (the canonical lookup value, a number, the matched string). */
  value: string | number | boolean;
  /** The text span as the user wrote it. */
  text: string;
  /** Character offsets in the utterance, end exclusive. */
  start: number;
  end: number;
  /** Which extractor found it: "regex", "lookup", "number", "boolean". */
  extractor: string;
  /**
   * Present when the text was taken for a phrase it does not spell exactly (a lookup value with a typo): the
   * phrase it was matched to, so the bot can say what it understood ("larg" → "large").
   */
  matched?: string;
  /** Edit distance between `text` and `matched`; present with `matched`. */
  typos?: number;
}

/** Declares an entity a skill wants extracted. */
export type EntityDefinition =
  /** Matches a regular expression; `group` picks a capture group (default 0, the whole match). */
  | { kind: 'regex'; pattern: RegExp; group?: number }
  /**
   * Matches any synonym of a canonical value; the canonical value is returned. `fuzzy` (default true) also takes
   * a word with a typo or two for a value ("larg" for "large"; tolerance grows with the value's length).
   */
  | { kind: 'lookup'; values: Record<string, readonly string[]>; fuzzy?: boolean }
  /** Numbers written as digits or words ("three", "twenty one"). */
  | { kind: 'number' }
  /** Yes / no answers ("yes please", "nope", "go ahead", "don't"). */
  | { kind: 'boolean' }
  /** Built-in types, digit strings and learned spans, extracted by `createEntityRecognizer` (engine/entities). */
  | BuiltinEntityDefinition
  | DigitsEntityDefinition
  | LearnedEntityDefinition;

/** Finds declared entities in an utterance. */
export interface EntityExtractor {
  extract(text: string): ExtractedEntity[];
}
