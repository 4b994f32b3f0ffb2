import type { LanguageDetector } from '../engine/nlu/language-detector.ts';
import { primaryLanguage } from './bot-locales.ts';

/** What {@link chooseConversationLocale} decides from. */
export interface LocaleEvidence {
  /** The turn's locale as the channel gave it ("und" when the channel does not know). */
  channelLocale: string;
  text: string;
  /** The conversation's locale so far; undefined on its first turn. */
  conversationLocale: string | undefined;
}

/** The languages and the detector the choice is made among. */
export interface LocaleChoiceSettings {
  supported: readonly string[];
  defaultLocale: string;
  /** Reads the language of a message; undefined when detection is off. */
  detector?: LanguageDetector;
  /** Confidence a guess needs to set the language of a conversation's first message. Default 0.6. */
  firstConfidence?: number;
  /** Confidence a guess needs to switch a conversation to another language: a clear switch. Default 0.85. */
  switchConfidence?: number;
}

/** A chosen locale and what chose it. */
export interface LocaleChoice {
  locale: string;
  source: 'channel' | 'conversation' | 'detected' | 'default';
}

/** Letters a message needs before its language is worth reading ("ok" and "12345" say nothing). */
const minLetters = 3;

/**
 * The locale a turn is answered in. A locale the channel knows and the bot speaks wins (REST's `locale`, the
 * widget's browser language, `--locale`). Otherwise the conversation keeps its locale unless the message is
 * clearly in another of the bot's languages; the first message's language is read when the detector is sure
 * enough, else the bot's default locale is used. Pure: the same evidence always gives the same choice.
 *
 * @example
 * chooseConversationLocale({ channelLocale: 'und', text: '¿dónde está mi pedido?', conversationLocale: undefined },
 *   { supported: ['en', 'es'], defaultLocale: 'en', detector }); // { locale: 'es', source: 'detected' }
 */
export function chooseConversationLocale(evidence: LocaleEvidence, settings: LocaleChoiceSettings): LocaleChoice {
  const fromChannel = primaryLanguage(evidence.channelLocale);
  if (fromChannel && settings.supported.includes(fromChannel)) return { locale: fromChannel, source: 'channel' };
  const kept = evidence.conversationLocale && settings.supported.includes(evidence.conversationLocale) ? evidence.conversationLocale : undefined;
  const letters = evidence.text.match(/\p{L}/gu)?.length ?? 0;
  const guess = settings.detector && settings.supported.length > 1 && letters >= minLetters ? settings.detector.detect(evidence.text) : null;
  const usable = guess && settings.supported.includes(guess.locale) ? guess : null;
  if (kept) {
    const clear = usable && usable.locale !== kept && usable.confidence >= (settings.switchConfidence ?? 0.85);
    return clear ? { locale: usable.locale, source: 'detected' } : { locale: kept, source: 'conversation' };
  }
  if (usable && usable.confidence >= (settings.firstConfidence ?? 0.6)) return { locale: usable.locale, source: 'detected' };
  return { locale: settings.defaultLocale, source: 'default' };
}
