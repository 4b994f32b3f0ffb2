import type { Logger } from 'pino';
import { parseAnnotatedExample } from '../engine/entities/annotated-example.ts';
import { createEntityRecognizer } from '../engine/entities/create-entity-recognizer.ts';
import type { EntityRecognizer } from '../engine/entities/entity-recognizer.ts';
import type { IntentClassifier } from '../engine/nlu/intent-classifier.ts';
import {
  createTinyldDetector,
  exampleLanguageDetector,
  type LanguageDetector,
  languageDetectorTrainerOptions,
  languageExamples,
} from '../engine/nlu/language-detector.ts';
import { createLinearIntentTrainer } from '../engine/nlu/linear-intent-trainer.ts';
import { localizeSkill } from '../skills/localize-skill.ts';
import type { SkillDefinition } from '../skills/skill-definition.ts';
import type { ResolvedBotLocales } from './bot-locales.ts';
import type { KnowledgeInLocale } from './contracts/bot-locales.ts';
import type { DialogueMessages } from './contracts/dialogue-messages.ts';
import { ConfigError } from './contracts/errors/config-error.ts';
import { createSkillRegistry, type SkillRegistry } from './skill-registry.ts';
import { builtinDialogueMessages } from './spanish-dialogue-messages.ts';
import { trainBotClassifier } from './train-bot-classifier.ts';
import { trainBotTagger } from './train-bot-tagger.ts';

/** What a bot understands and says in one language. */
export interface BotLanguage {
  locale: string;
  registry: SkillRegistry;
  classifier: IntentClassifier;
  extractor: EntityRecognizer;
  messages: DialogueMessages;
  /** How this language's questions reach the documents (`BotLocales.knowledge`), when they are in another. */
  knowledgeInLocale?: KnowledgeInLocale;
}

/** What {@link createBotLanguages} needs. */
export interface BotLanguagesInput {
  skills: readonly SkillDefinition[];
  locales: ResolvedBotLocales;
  /** The bot's `messages` option: its own words for the default locale. */
  messages?: Partial<DialogueMessages>;
  /** A classifier for the default locale, trained elsewhere. */
  classifier?: IntentClassifier;
  cacheDir?: string | undefined;
  timeZone: string;
  now: () => number;
  log: Logger;
}

/**
 * The skills in `locale`: each skill's words and examples in that language. Throws a ConfigError listing every
 * missing translation unless the bot falls back to its default locale (then each is logged once).
 */
export function localizeSkills(skills: readonly SkillDefinition[], locale: string, locales: ResolvedBotLocales, log: Logger): SkillDefinition[] {
  const localized = skills.map((skill) => localizeSkill(skill, locale, locales.default));
  const missing = localized.flatMap((l) => l.missing);
  if (missing.length > 0 && locales.missingTranslations === 'error') {
    throw new ConfigError(missing[0]!, `a translation into "${locale}" (or locales.missingTranslations "fallback")${missing.length > 1 ? `; also missing: ${missing.slice(1).join(', ')}` : ''}`);
  }
  if (missing.length > 0) log.warn({ locale, missing }, `missing translations fall back to "${locales.default}"`);
  return localized.map((l) => l.skill);
}

function messagesFor(locale: string, input: BotLanguagesInput): DialogueMessages {
  const own = locale === input.locales.default ? input.messages : undefined;
  const base = builtinDialogueMessages[locale] ?? (input.locales.missingTranslations === 'fallback' ? builtinDialogueMessages[input.locales.default] : undefined);
  const given = input.locales.messages?.[locale];
  const merged = { ...base, ...own, ...given };
  const absent = Object.keys(builtinDialogueMessages.en!).filter((key) => !(key in merged));
  if (absent.length > 0) throw new ConfigError(`locales.messages.${locale}`, `the dialogue's words in "${locale}": ${absent.join(', ')}`);
  return merged as DialogueMessages;
}

/**
 * One {@link BotLanguage} per supported locale: skills localized and cross-checked, a classifier trained on that
 * language's examples (cached like the default one), an entity recognizer for its entities, the dialogue's words.
 */
export async function createBotLanguages(input: BotLanguagesInput): Promise<Map<string, BotLanguage>> {
  const languages = new Map<string, BotLanguage>();
  for (const locale of input.locales.supported) {
    const skills = localizeSkills(input.skills, locale, input.locales, input.log);
    const registry = createSkillRegistry(skills);
    const given = locale === input.locales.default ? input.classifier : undefined;
    const classifier = given ?? (await trainBotClassifier(registry.examples(), { cacheDir: input.cacheDir, log: input.log, locale }));
    const examples = [...registry.intents.values()].flatMap((intent) => intent.examples.map(parseAnnotatedExample));
    const extractor = createEntityRecognizer({
      entities: { ...registry.entities, boolean: { kind: 'boolean' } },
      examples,
      sequenceTagger: await trainBotTagger(examples, { cacheDir: input.cacheDir, log: input.log }),
      timeZone: input.timeZone,
      now: input.now,
    });
    const knowledgeInLocale = input.locales.knowledge?.[locale];
    languages.set(locale, { locale, registry, classifier, extractor, messages: messagesFor(locale, input), ...(knowledgeInLocale ? { knowledgeInLocale } : {}) });
  }
  return languages;
}

/** The detector {@link BotLocales.detection} asks for, over the languages' own examples; undefined for one language or "off". */
export async function createBotLanguageDetector(
  languages: ReadonlyMap<string, BotLanguage>,
  locales: ResolvedBotLocales,
  options: { cacheDir?: string | undefined; log: Logger },
): Promise<LanguageDetector | undefined> {
  if (languages.size < 2 || locales.detection === 'off') return undefined;
  if (locales.detection === 'tinyld') return createTinyldDetector([...languages.keys()]);
  const examples = Object.fromEntries([...languages].map(([locale, language]) => [locale, language.registry.examples().map((e) => e.text)]));
  // Cached like the intent classifiers, so a restart does not train it again.
  const trainer = createLinearIntentTrainer(languageDetectorTrainerOptions);
  return exampleLanguageDetector(await trainBotClassifier(languageExamples(examples), { cacheDir: options.cacheDir, log: options.log, trainer }));
}
