import type { BotLocales } from './contracts/bot-locales.ts';
import { ConfigError } from './contracts/errors/config-error.ts';

export type { BotLocales };

/** {@link BotLocales} with its defaults applied. */
export type ResolvedBotLocales = Required<Omit<BotLocales, 'messages' | 'knowledge'>> & Pick<BotLocales, 'messages' | 'knowledge'>;

const subtag = /^[a-z]{2,3}$/;

/** The primary language subtag of a BCP 47 tag, lower case ("es-MX" → "es"); undefined for "und" or an empty tag. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.split(/[-_]/)[0]?.toLowerCase();
  return primary && primary !== 'und' && subtag.test(primary) ? primary : undefined;
}

/** Applies the defaults of {@link BotLocales}; throws a ConfigError for a tag that is not a primary language subtag. */
export function resolveBotLocales(locales: BotLocales | undefined): ResolvedBotLocales {
  const supported = locales?.supported ?? ['en'];
  if (supported.length === 0) throw new ConfigError('locales.supported', 'at least one language');
  for (const tag of supported) {
    if (!subtag.test(tag) || tag === 'und') throw new ConfigError('locales.supported', 'primary language subtags such as "en" or "es"', tag);
  }
  const main = locales?.default ?? supported[0]!;
  if (!supported.includes(main)) throw new ConfigError('locales.default', `one of ${supported.join(', ')}`, main);
  return {
    supported: [...new Set(supported)],
    default: main,
    missingTranslations: locales?.missingTranslations ?? 'error',
    detection: locales?.detection ?? 'examples',
    ...(locales?.messages ? { messages: locales.messages } : {}),
    ...(locales?.knowledge ? { knowledge: locales.knowledge } : {}),
  };
}
