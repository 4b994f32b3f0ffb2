import { ConfigError } from '../../core/contracts/errors/index.ts';
import { createBooleanEntityExtractor } from '../nlu/boolean-entity.ts';
import type { EntityDefinition, EntityExtractor } from '../nlu/entity.ts';
import { createLookupEntityExtractor } from '../nlu/lookup-entity.ts';
import { createRegexEntityExtractor } from '../nlu/regex-entity.ts';
import type { AnnotatedExample } from './annotated-example.ts';
import type { BuiltinMatch } from './builtin/builtin-match.ts';
import { findBuiltin } from './builtin/find-builtin.ts';
import type { DateReference } from './builtin/find-dates.ts';
import { findDigitStrings } from './builtin/find-digit-strings.ts';
import { timeZoneOffsetMinutes } from './builtin/time-zone-offset.ts';
import { isCommonWordIn } from './common-words.ts';
import type { BuiltinEntityKind } from './entity-declaration.ts';
import { type EntityLocale, entityLocaleOf } from './entity-locale.ts';
import type { EntityRecognizer } from './entity-recognizer.ts';
import type { RecognizedEntity } from './recognized-entity.ts';
import { resolveEntityOverlaps } from './resolve-entity-overlaps.ts';
import type { SequenceTagger } from './sequence-tagger.ts';
import { type SequenceTaggerOptions, trainSequenceTagger } from './train-sequence-tagger.ts';

/** Options of {@link createEntityRecognizer}. */
export interface EntityRecognizerOptions {
  /** The bot's entity declarations by name (what skills declare under `entities`). */
  entities: Readonly<Record<string, EntityDefinition>>;
  /**
   * Examples with marked spans (`parseAnnotatedExample('fly to [Paris](city)')`) to train the sequence tagger on;
   * examples without spans teach it where no entity is. A marked name not declared is learned as `{ kind:
   * 'learned' }`. Default: none (no tagger).
   */
  examples: readonly AnnotatedExample[];
  /** The language of a call that names none. Default "en". */
  defaultLocale: EntityLocale;
  /** The users' IANA time zone when a call names none. Default "UTC". */
  timeZone: string;
  /** The clock relative dates count from when a call gives no `now`. Default `Date.now`. */
  now: () => number;
  /** How the tagger trains. Default {@link defaultSequenceTaggerOptions}. */
  tagger: Partial<SequenceTaggerOptions>;
  /**
   * A tagger trained before on the same examples (e.g. loaded from a cache, see `trainBotTagger`): used instead of
   * training one. Default: none (trained here when an example has a marked span).
   */
  sequenceTagger?: SequenceTagger | undefined;
}

/** Defaults of {@link EntityRecognizerOptions}. */
export const defaultEntityRecognizerOptions: Omit<EntityRecognizerOptions, 'entities'> = {
  examples: [],
  defaultLocale: 'en',
  timeZone: 'UTC',
  now: () => Date.now(),
  tagger: {},
};

const builtinKinds: ReadonlySet<string> = new Set<BuiltinEntityKind | 'number' | 'digits'>([
  'number', 'digits', 'ordinal', 'people', 'money', 'percentage', 'date', 'time', 'datetime', 'weekday', 'duration', 'email', 'phone', 'url',
]);

type Finder = (text: string, locale: EntityLocale, reference: DateReference) => RecognizedEntity[];

function fromMatches(entity: string, extractor: string, text: string, matches: readonly BuiltinMatch[]): RecognizedEntity[] {
  return matches.map((m) => ({
    entity,
    value: m.value,
    text: text.slice(m.start, m.end),
    start: m.start,
    end: m.end,
    extractor,
    source: 'builtin',
    ...(m.resolution ? { resolution: m.resolution } : {}),
    ...(m.matched !== undefined ? { matched: m.matched, typos: m.typos ?? 1 } : {}),
  }));
}

function fromExtractor(extractor: EntityExtractor, source: RecognizedEntity['source']): Finder {
  return (text) => extractor.extract(text).map((e) => ({ ...e, source }));
}

function finderOf(entity: string, definition: EntityDefinition): Finder | undefined {
  switch (definition?.kind) {
    case 'regex':
      return fromExtractor(createRegexEntityExtractor(entity, definition), 'regex');
    case 'lookup':
      return fromExtractor(createLookupEntityExtractor(entity, definition), 'lookup');
    case 'boolean':
      return fromExtractor(createBooleanEntityExtractor(entity), 'builtin');
    case 'learned':
      return undefined;
    case 'digits': {
      const min = definition.length?.min ?? 1;
      const max = definition.length?.max ?? 20;
      if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
        throw new ConfigError(`entities.${entity}.length`, 'whole numbers with 1 <= min <= max', JSON.stringify(definition.length));
      }
      return (text, locale) => fromMatches(entity, 'digits', text, findDigitStrings(text, locale, min, max));
    }
    default: {
      const kind = (definition as { kind?: unknown } | undefined)?.kind;
      if (typeof kind !== 'string' || !builtinKinds.has(kind)) {
        throw new ConfigError(`entities.${entity}.kind`, `one of regex, lookup, boolean, learned, ${[...builtinKinds].join(', ')}`, kind);
      }
      const builtin = kind as BuiltinEntityKind | 'number';
      return (text, locale, reference) => fromMatches(entity, builtin, text, findBuiltin(builtin, text, locale, reference));
    }
  }
}

/**
 * One recognizer for all of a bot's entities: built-in types in English and Spanish (numbers, ordinals, money,
 * percentages, dates and times against the turn's clock and the user's time zone, durations, e-mail addresses,
 * phone numbers, URLs, digit strings), lookup lists with synonyms and typo tolerance, regular expressions, and
 * spans learned from annotated examples by a sequence tagger trained here, in-process. Throws a ConfigError for
 * an unknown kind, a bad definition or an unknown time zone.
 *
 * @example
 * const recognizer = createEntityRecognizer({ entities: { when: { kind: 'date' }, guests: { kind: 'number' } },
 *   timeZone: 'Europe/Madrid' });
 * recognizer.extract('mesa para cuatro el próximo martes', { locale: 'es', now: Date.parse('2026-12-07T12:00Z') });
 * // guests = 4 ("cuatro"), when = "2026-12-15" ("próximo martes")
 */
export function createEntityRecognizer(options: Partial<EntityRecognizerOptions> & Pick<EntityRecognizerOptions, 'entities'>): EntityRecognizer {
  const settings = { ...defaultEntityRecognizerOptions, ...options };
  timeZoneOffsetMinutes(settings.timeZone, 0);
  const finders = Object.entries(settings.entities).flatMap(([entity, definition]) => {
    const finder = finderOf(entity, definition);
    return finder ? [finder] : [];
  });
  const typed = new Set(Object.entries(settings.entities).filter(([, d]) => builtinKinds.has(d.kind)).map(([name]) => name));
  const annotated = settings.examples.some((e) => e.entities.length > 0);
  const tagger: SequenceTagger | undefined = settings.sequenceTagger ?? (annotated ? trainSequenceTagger(settings.examples, settings.tagger) : undefined);
  return {
    learned: tagger?.entities ?? [],
    extract(text, context = {}) {
      const locale = entityLocaleOf(context.locale, settings.defaultLocale);
      const reference: DateReference = { now: context.now ?? settings.now(), timeZone: context.timeZone ?? settings.timeZone };
      // A word of the turn's language is never a typo of a list value ("vienes" is not "viernes").
      const candidates = finders.flatMap((find) => find(text, locale, reference)).filter((c) => c.matched === undefined || !isCommonWordIn(locale, c.text));
      for (const span of tagger?.tag(text) ?? []) {
        candidates.push({ entity: span.entity, value: span.text, text: span.text, start: span.start, end: span.end, extractor: 'tagger', source: 'learned' });
      }
      return resolveEntityOverlaps(candidates, typed);
    },
  };
}
