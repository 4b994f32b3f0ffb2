import type { EntityExtractor } from '../nlu/entity.ts';
import type { RecognizedEntity } from './recognized-entity.ts';

/** What one utterance is read against: its language, when it was said, and where the user is. */
export interface EntityContext {
  /** BCP 47 locale of the turn ("es", "es-MX"); default: the recognizer's `defaultLocale`. */
  locale?: string;
  /** When the user said it (milliseconds since the epoch), for "tomorrow"; default: the recognizer's clock. */
  now?: number;
  /** The user's IANA time zone; default: the recognizer's `timeZone`. */
  timeZone?: string;
}

/**
 * Finds a bot's entities — built-in types, lookup lists, regular expressions and learned spans — in one
 * utterance, in the turn's language, with overlaps resolved (see `resolveEntityOverlaps`).
 */
export interface EntityRecognizer extends EntityExtractor {
  extract(text: string, context?: EntityContext): RecognizedEntity[];
  /** Entity names the sequence tagger learned from annotated examples (empty when none were annotated). */
  readonly learned: readonly string[];
}
