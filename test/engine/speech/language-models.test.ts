import { describe, expect, it } from 'vitest';
import { expandLanguage } from '../../../engine/speech/expand-language.ts';
import { writeArpa } from '../../../engine/speech/pocketsphinx/write-arpa.ts';
import { spokenDigitsToText } from '../../../engine/speech/spoken-digits.ts';

describe('language models from a speech language', () => {
  it('expands every alternative of a class and repeats digits', () => {
    const sentences = expandLanguage({
      phrases: [{ items: ['order', { class: 'id' }] }, { items: ['hello'], weight: 2 }],
      classes: { id: [[{ class: 'd' }, { class: 'd' }]], d: [['one'], ['two']] },
    });
    expect(sentences.filter((s) => s[0] === 'hello')).toHaveLength(2);
    const orders = sentences.filter((s) => s[0] === 'order');
    expect(orders).toHaveLength(3);
    expect(new Set(orders.flatMap((s) => s.slice(1)))).toEqual(new Set(['one', 'two']));
  });

  it('writes an ARPA trigram model whose probabilities sum to one after each context', () => {
    const arpa = writeArpa([['where', 'is', 'my', 'order'], ['where', 'is', 'my', 'parcel'], ['track', 'my', 'order']]);
    expect(arpa).toMatch(/^\\data\\\nngram 1=8\nngram 2=\d+\nngram 3=\d+\n/);
    const unigrams = new Map<string, number>();
    const bigrams = new Map<string, number>();
    let section = 0;
    const backoffs = new Map<string, number>();
    for (const line of arpa.split('\n')) {
      const header = /^\\(\d)-grams:$/.exec(line);
      if (header) section = Number(header[1]);
      const [p, gram, bo] = line.split('\t');
      if (!gram) continue;
      if (section === 1) unigrams.set(gram, 10 ** Number(p));
      if (section === 2) bigrams.set(gram, 10 ** Number(p));
      if (bo !== undefined && section === 1) backoffs.set(gram, 10 ** Number(bo));
    }
    // P(w | "my") over the whole vocabulary: seen bigrams as stored, the rest backed off to unigrams.
    let total = 0;
    for (const [w, pw] of unigrams) if (w !== '<s>') total += bigrams.get(`my ${w}`) ?? backoffs.get('my')! * pw;
    expect(total).toBeCloseTo(1, 3);
  });

  it('reads spoken digit runs as digits, and single number words as words', () => {
    expect(spokenDigitsToText('order four zero two one one please')).toBe('order 40211 please');
    expect(spokenDigitsToText('one oh two')).toBe('102');
    expect(spokenDigitsToText('just one item')).toBe('just one item');
    expect(spokenDigitsToText('oh thank you')).toBe('oh thank you');
  });
});
