import { createRequire } from 'node:module';

/** The part of snowball-stemmers (a CommonJS package without types) parley uses. */
interface SnowballFactory {
  newStemmer(algorithm: string): { stem(word: string): string };
}

const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballFactory;

/** Snowball algorithm of each `TokenizeOptions.language` value. */
const algorithms: Readonly<Record<number, string>> = { 1: 'spanish' };

/**
 * Puts back accents the stemmer needs to find a suffix: Spanish "-cion"/"-sion" typed without the accent would
 * otherwise keep its suffix ("devolucion" → "devolucion", but "devolución" → "devolu").
 */
const restoreAccents: Readonly<Record<number, (word: string) => string>> = {
  1: (word) => word.replace(/([cs])ion$/, '$1ión'),
};

const cache = new Map<number, (word: string) => string>();

/** Drops accents and other combining marks: "envío" → "envio", "ñ" → "n" (people often type without them). */
export function foldAccents(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

/**
 * The word reducer of a `TokenizeOptions.language`: the language's Snowball stem of a lower-case word, its
 * accents then dropped. Throws a TypeError for a language value parley does not know.
 */
export function stemmerOf(language: number): (word: string) => string {
  let stem = cache.get(language);
  if (stem) return stem;
  const algorithm = algorithms[language];
  if (!algorithm) throw new TypeError(`tokenizer language ${language} is not one of ${Object.keys(algorithms).join(', ')}`);
  const stemmer = snowball.newStemmer(algorithm);
  const restore = restoreAccents[language] ?? ((word: string) => word);
  const memo = new Map<string, string>();
  stem = (word) => {
    let stemmed = memo.get(word);
    if (stemmed === undefined) {
      stemmed = foldAccents(stemmer.stem(restore(word)));
      if (memo.size < 50_000) memo.set(word, stemmed);
    }
    return stemmed;
  };
  cache.set(language, stem);
  return stem;
}
