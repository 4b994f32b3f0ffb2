/** Options of {@link writeArpa}. */
export interface ArpaOptions {
  /** Longest n-gram. Default 3. */
  order?: number;
  /** Absolute discount taken from every seen n-gram's count for unseen ones. Default 0.7. */
  discount?: number;
}

const start = '<s>';
const end = '</s>';

/**
 * A statistical language model of `sentences` in ARPA text format, which pocketsphinx loads: interpolated
 * absolute discounting (each seen n-gram gives up `discount` of its count to the lower order, as SRILM writes
 * interpolated models), add-0.1 unigrams. Sentences are word lists; `<s>` and `</s>` are added.
 */
export function writeArpa(sentences: readonly (readonly string[])[], options: ArpaOptions = {}): string {
  const order = options.order ?? 3;
  const discount = options.discount ?? 0.7;
  // counts[n-1]: n-gram (words joined by a space) → count.
  const counts: Array<Map<string, number>> = Array.from({ length: order }, () => new Map());
  for (const sentence of sentences) {
    const words = [start, ...sentence, end];
    for (let n = 1; n <= order; n++)
      for (let i = 0; i + n <= words.length; i++) {
        const gram = words.slice(i, i + n).join(' ');
        counts[n - 1]!.set(gram, (counts[n - 1]!.get(gram) ?? 0) + 1);
      }
  }
  const unigrams = counts[0]!;
  const vocabulary = [...unigrams.keys()];
  const total = [...unigrams].reduce((sum, [w, c]) => (w === start ? sum : sum + c), 0);
  const probability: Array<Map<string, number>> = Array.from({ length: order }, () => new Map());
  for (const [w, c] of unigrams) probability[0]!.set(w, w === start ? 0 : (c + 0.1) / (total + 0.1 * (vocabulary.length - 1)));
  // For each context: its count as a context and how many different words follow it.
  const contexts: Array<Map<string, { count: number; types: number }>> = Array.from({ length: order }, () => new Map());
  for (let n = 2; n <= order; n++)
    for (const [gram, c] of counts[n - 1]!) {
      const h = gram.slice(0, gram.lastIndexOf(' '));
      const entry = contexts[n - 2]!.get(h) ?? { count: 0, types: 0 };
      entry.count += c;
      entry.types += 1;
      contexts[n - 2]!.set(h, entry);
    }
  const backoff = (n: number, h: string): number => {
    const entry = contexts[n - 1]?.get(h);
    return entry ? (discount * entry.types) / entry.count : 1;
  };
  const lower = (n: number, gram: string): number => {
    // P of the gram's last n words: the stored value when seen, else backed off from its context.
    if (n === 1) return probability[0]!.get(gram) ?? 1e-7;
    const seen = probability[n - 1]!.get(gram);
    if (seen !== undefined) return seen;
    const split = gram.indexOf(' ');
    const h = gram.slice(0, gram.lastIndexOf(' '));
    return backoff(n - 1, h) * lower(n - 1, gram.slice(split + 1));
  };
  for (let n = 2; n <= order; n++)
    for (const [gram, c] of counts[n - 1]!) {
      const h = gram.slice(0, gram.lastIndexOf(' '));
      const context = contexts[n - 2]!.get(h)!;
      const shorter = gram.slice(gram.indexOf(' ') + 1);
      probability[n - 1]!.set(gram, Math.max(c - discount, 0) / context.count + backoff(n - 1, h) * lower(n - 1, shorter));
    }
  const log = (p: number) => (p <= 0 ? -99 : Math.log10(p)).toFixed(6);
  const lines = ['\\data\\'];
  for (let n = 1; n <= order; n++) lines.push(`ngram ${n}=${counts[n - 1]!.size}`);
  for (let n = 1; n <= order; n++) {
    lines.push('', `\\${n}-grams:`);
    for (const gram of counts[n - 1]!.keys()) {
      const p = n === 1 && gram === start ? '-99' : log(probability[n - 1]!.get(gram)!);
      const bo = n < order && contexts[n - 1]!.has(gram) ? `\t${log(backoff(n, gram))}` : '';
      lines.push(`${p}\t${gram}${bo}`);
    }
  }
  lines.push('', '\\end\\', '');
  return lines.join('\n');
}
