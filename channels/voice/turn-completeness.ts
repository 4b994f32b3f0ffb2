import { primaryLanguage } from '../../core/bot-locales.ts';
import type { EntityDefinition } from '../../engine/nlu/entity.ts';
import type { IntentClassifier, TrainingExample } from '../../engine/nlu/intent-classifier.ts';
import { speechWords } from './speech-words.ts';
import type { SpokenAnswer } from './spoken-answer.ts';

/** Settings of {@link createTurnCompleteness}; defaults in {@link defaultTurnCompletenessOptions}. */
export interface TurnCompletenessOptions {
  /** The classifier's confidence (0 to 1, in scope) a request needs to count as complete. Default 0.8. */
  minConfidence: number;
  /**
   * How often the bot's examples must end after the last words for them to end a request (0 to 1), e.g. 0.5: at
   * least half the examples with "my order status" stop there. Default 0.5.
   */
  minEndShare: number;
  /** Examples a word or pair of words must appear in before its end share counts. Default 1. */
  minSeen: number;
}

/** Defaults of {@link TurnCompletenessOptions}. */
export const defaultTurnCompletenessOptions: TurnCompletenessOptions = { minConfidence: 0.8, minEndShare: 0.5, minSeen: 1 };

/**
 * Words no English or Spanish sentence ends on: articles, prepositions, auxiliaries, conjunctions, possessives and
 * the like. A request whose words so far end on one goes on.
 */
const danglingWords: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(
    'a an the my your his her its our their that which who whose and or but so because if than to of in at by for from with into onto under as is are was were be been am do does did have has had will would shall should can could may might must not i we he she they what when where why how whats'.split(
      ' ',
    ),
  ),
  es: new Set(
    'el la los las un una unos unas mi mis tu tus su sus nuestro nuestra este esta estos estas ese esa y o pero que porque si de del en con por para a al sin sobre entre hasta desde son ser fue ha han he me te se le lo cuál cuándo dónde cuánto cuánta'.split(
      ' ',
    ),
  ),
};

/** Where each word sequence of the bot's examples ends: per last word and per last two words, how often seen and how often last. */
interface EndCounts {
  seen: Map<string, number>;
  last: Map<string, number>;
}

function countEnds(examples: readonly TrainingExample[]): EndCounts {
  const counts: EndCounts = { seen: new Map(), last: new Map() };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const example of examples) {
    const words = speechWords(example.text);
    words.forEach((word, i) => {
      const keys = i > 0 ? [word, `${words[i - 1]} ${word}`] : [word];
      for (const key of keys) {
        add(counts.seen, key);
        if (i === words.length - 1) add(counts.last, key);
      }
    });
  }
  return counts;
}

/** The digits a slot's entity takes, when it says exactly: the most it takes (a digits entity's length, `\d{5}`). */
function expectedDigits(entity: EntityDefinition | undefined): number | undefined {
  if (!entity) return undefined;
  if (entity.kind === 'digits') return entity.length?.max;
  if (entity.kind !== 'regex') return undefined;
  const core = entity.pattern.source.replace(/\(\?<?[=!][^)]*\)|\^|\$|\\b/g, '');
  const match = /^(?:\\d|\[0-9\])\{(\d+)(?:,(\d+))?\}$/.exec(core);
  return match ? Number(match[2] ?? match[1]) : undefined;
}

/** One of the bot's languages, as {@link createTurnCompleteness} judges requests in it. */
export interface CompletenessLanguage {
  classifier: IntentClassifier;
  examples: readonly TrainingExample[];
}

/** What a judgement of completeness knows of the conversation: what the bot awaits, in which language. */
export interface TurnCompletenessContext {
  /** The answer the bot awaits (read before the turn); undefined when it awaits nothing in particular. */
  awaited?: SpokenAnswer;
  /** BCP 47 locale of the speech; its language picks the words that cannot end a sentence. Default English. */
  locale?: string;
}

/**
 * Judges whether the words heard so far form a complete request (see {@link createTurnCompleteness}); `text` has
 * its spoken digits as digits already ("4 0 2" or "402", not "four zero two"), as the spoken turn hands it.
 */
export type TurnCompleteness = (text: string, context: TurnCompletenessContext) => boolean;

/**
 * Whether the words recognized so far make a request the user has finished, so the widget may end the utterance
 * after a short silence instead of its full end-of-turn wait (a semantic turn detector, as LiveKit's and Pipecat's,
 * from what the bot already has). When the bot awaits digits, complete means as many digits as the slot's entity
 * takes (never, when it does not say); when it awaits another answer, complete means the answer does not stop on a
 * word that cannot end a sentence. Otherwise a request is complete when its last word could end a sentence, the
 * classifier is confident of one intent, and the bot's own examples mostly end after the same last words ("do you
 * ship" goes on in the examples, "my order status" ends there).
 *
 * @example
 * const complete = createTurnCompleteness({ classifier, examples: registry.examples(), entities: registry.entities });
 * complete('what time does', {}); // false
 */
export function createTurnCompleteness(options: {
  /** The default language's classifier; without one no request counts as complete (answers still can). */
  classifier?: IntentClassifier;
  /** The default language's examples. */
  examples: readonly TrainingExample[];
  entities: Readonly<Record<string, EntityDefinition>>;
  /**
   * The bot's languages by locale ("es"), each with its own classifier and examples: a turn in one of them is
   * judged with its language's, any other turn with the default's. Default: none.
   */
  languages?: ReadonlyMap<string, CompletenessLanguage>;
  settings?: Partial<TurnCompletenessOptions>;
}): TurnCompleteness {
  const settings = { ...defaultTurnCompletenessOptions, ...options.settings };
  const judges = new Map<string, { classifier?: IntentClassifier; ends: EndCounts }>();
  for (const [locale, language] of options.languages ?? []) judges.set(locale, { classifier: language.classifier, ends: countEnds(language.examples) });
  const fallback = { ...(options.classifier ? { classifier: options.classifier } : {}), ends: countEnds(options.examples) };
  const judgeFor = (locale: string | undefined) => judges.get(primaryLanguage(locale) ?? '') ?? fallback;
  return (text, context) => {
    const words = speechWords(text);
    const last = words.at(-1);
    if (last === undefined) return false;
    const awaited = context.awaited;
    if (awaited?.kind === 'slot' && awaited.entity) {
      const entity = options.entities[awaited.entity];
      if (entity && (entity.kind === 'digits' || entity.kind === 'regex' || entity.kind === 'phone')) {
        const expected = expectedDigits(entity);
        return expected !== undefined && text.replace(/\D/g, '').length >= expected;
      }
    }
    const dangling = danglingWords[(context.locale ?? 'en').slice(0, 2).toLowerCase()] ?? danglingWords.en!;
    if (dangling.has(last)) return false;
    if (awaited) return true;
    const { classifier, ends } = judgeFor(context.locale);
    const endShare = (key: string) => {
      const seen = ends.seen.get(key) ?? 0;
      return seen >= settings.minSeen ? (ends.last.get(key) ?? 0) / seen : undefined;
    };
    const classified = classifier?.classify(text);
    if (!classified || classified.outOfScope || classified.intent === null || classified.confidence < settings.minConfidence) return false;
    const share = (words.length > 1 ? endShare(`${words.at(-2)} ${last}`) : undefined) ?? endShare(last);
    return share !== undefined && share >= settings.minEndShare;
  };
}
