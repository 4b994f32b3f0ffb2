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
}
