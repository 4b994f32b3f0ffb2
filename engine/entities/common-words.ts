import { createRequire } from 'node:module';
import type { EntityLocale } from './entity-locale.ts';

/**
 * Words this frequent (their rank in the language's frequency list) are words in their own right, never typos
 * of a lookup value: "vienes" is not "viernes", "partes" is not "martes". English has the same guard inside the
 * lookup matcher, ranked by the shipped word vectors.
 */
export const commonWordRank = 20_000;

const require = createRequire(import.meta.url);
let spanish: ReadonlySet<string> | undefined;

/**
 * The most frequent Spanish words, from the OpenSubtitles 2024 frequency list of `@zxcvbn-ts/language-es-es`
 * (ODC-BY), loaded on first use.
 */
function spanishCommonWords(): ReadonlySet<string> {
  if (!spanish) {
    const { dictionary } = require('@zxcvbn-ts/language-es-es') as { dictionary: Record<string, readonly string[]> };
    spanish = new Set((dictionary['commonWords-es-es'] ?? []).slice(0, commonWordRank));
  }
  return spanish;
}

/** Is `word` (any case) one of the language's common words? Only Spanish is checked here. */
export function isCommonWordIn(locale: EntityLocale, word: string): boolean {
  return locale === 'es' && spanishCommonWords().has(word.toLowerCase());
}
