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
}

/** Declares an entity a skill wants extracted. */
export type EntityDefinition =
  /** Matches a regular expression; `group` picks a capture group (default 0, the whole match). */
  | { kind: 'regex'; pattern: RegExp; group?: number }
  /** Matches any synonym of a canonical value; the canonical value is returned. */
  | { kind: 'lookup'; values: Record<string, readonly string[]> }
  /** Numbers written as digits or words ("three", "twenty one"). */
  | { kind: 'number' }
  /** Yes / no answers ("yes please", "nope", "go ahead", "don't"). */
  | { kind: 'boolean' };

/** Finds declared entities in an utterance. */
export interface EntityExtractor {
  extract(text: string): ExtractedEntity[];
}
