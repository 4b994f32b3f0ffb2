/** The languages built-in entities understand. */
export type EntityLocale = 'en' | 'es';

/** Every {@link EntityLocale}, in a fixed order. */
export const entityLocales: readonly EntityLocale[] = ['en', 'es'];

/**
 * The entity language of a BCP 47 tag: its primary subtag when parley knows it ("es-MX" → "es"), else `fallback`
 * (default "en"), so a turn in a language without built-ins still gets digits, e-mails and URLs.
 */
export function entityLocaleOf(tag: string | undefined, fallback: EntityLocale = 'en'): EntityLocale {
  const primary = tag?.split(/[-_]/)[0]?.toLowerCase();
  return entityLocales.find((l) => l === primary) ?? fallback;
}
