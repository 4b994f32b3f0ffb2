import { readFileSync } from 'node:fs';

/**
 * The words of a CMU-style pronunciation dictionary (`word PH ONES`, alternatives as `word(2)`): what the
 * decoder can hear. Read once per file.
 */
export function readDictionaryWords(file: string): ReadonlySet<string> {
  const cached = cache.get(file);
  if (cached) return cached;
  const words = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const end = line.indexOf(' ');
    if (end <= 0) continue;
    const word = line.slice(0, end);
    const variant = word.indexOf('(');
    words.add(variant > 0 ? word.slice(0, variant) : word);
  }
  cache.set(file, words);
  return words;
}

const cache = new Map<string, ReadonlySet<string>>();
