import type { DialogueMessages } from './dialogue-messages.ts';

/** The languages a bot speaks and how it picks one for a conversation. */
export interface BotLocales {
  /** Primary language subtags the bot speaks ("en", "es"). Default `["en"]`. */
  supported: readonly string[];
  /** The language the skills' own words are in, used when nothing else says which. Default: the first supported. */
  default?: string;
  /**
   * A skill word with no translation into a supported language: "error" (default) refuses to start, naming every
   * missing one (`skills.store.locales.es.flows.store_hours.slots.city.prompt`); "fallback" uses the default
   * locale's words for it.
   */
  missingTranslations?: 'error' | 'fallback';
  /**
   * How the language of a message the channel gives no locale for is read: "examples" (default) a classifier
   * trained on the bot's own examples of each language; "tinyld" the general-purpose detector; "off" none (the
   * conversation stays in the default locale).
   */
  detection?: 'examples' | 'tinyld' | 'off';
  /** The dialogue's own words per language, over parley's (English and Spanish ship). */
  messages?: Readonly<Record<string, Partial<DialogueMessages>>>;
  /**
   * How a language other than the documents' asks the knowledge base, by locale: documents stay in one language
   * and a question in another is searched through `query` (e.g. a glossary of the bot's vocabulary), its answer
   * introduced by `lead` in the user's language. Default: none (questions are searched as written).
   */
  knowledge?: Readonly<Record<string, KnowledgeInLocale>>;
}

/** How questions in one language reach documents written in another. */
export interface KnowledgeInLocale {
  /** The sentence before a quoted passage: "Esto dicen nuestras condiciones (en inglés):". */
  lead: string;
  /** The search query for a question in this language. Default: the question as written. */
  query?: (text: string) => string;
}
