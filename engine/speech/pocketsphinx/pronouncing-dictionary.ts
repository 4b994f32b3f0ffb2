import { readFileSync } from 'node:fs';

/**
 * The pronunciations of a CMU-style dictionary (`word PH ONES`, alternatives as `word(2)`), by word: what the
 * decoder can hear. Read once per file (about 135,000 words for US English).
 */
export function readPronunciations(file: string): ReadonlyMap<string, readonly string[]> {
  const cached = cache.get(file);
  if (cached) return cached;
  const words = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const end = line.indexOf(' ');
    if (end <= 0) continue;
    const entry = line.slice(0, end);
    const variant = entry.indexOf('(');
    const word = variant > 0 ? entry.slice(0, variant) : entry;
    const phones = line.slice(end + 1).trim();
    const known = words.get(word);
    if (known) known.push(phones);
    else words.set(word, [phones]);
  }
  cache.set(file, words);
  return words;
}

/** The words of {@link readPronunciations}. */
export function readDictionaryWords(file: string): ReadonlySet<string> {
  return new Set(readPronunciations(file).keys());
}

const cache = new Map<string, ReadonlyMap<string, readonly string[]>>();
