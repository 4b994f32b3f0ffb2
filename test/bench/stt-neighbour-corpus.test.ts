import { describe, expect, it } from 'vitest';
import { builtinWordVectors } from '../../engine/nlu/load-word-vectors.ts';
import type { SpeechLanguage } from '../../engine/speech/speech-language.ts';
import { neighbourCorpus } from './stt-neighbour-corpus.ts';

const language: SpeechLanguage = {
  phrases: [
    { items: ['where', 'is', 'my', 'package'] },
    { items: ['cancel', 'order', { class: 'digits' }] },
    { items: ['where', 'is', 'it'] },
    { items: [{ class: 'yes_no' }] },
  ],
  classes: { digits: [['one'], ['two']], yes_no: [['yes'], ['no']] },
};
const candidates = ['parcel', 'packages', 'shipment', 'postpone', 'cancellation', 'orders', 'banana', 'where', 'cancel', 'package'];

describe('neighbourCorpus (bench:stt neighbours-ranked)', () => {
  it('swaps one content word of a phrase for a near word in meaning, never a far one or a stop word', () => {
    const corpus = neighbourCorpus(language, { vectors: builtinWordVectors(), candidates });
    const texts = corpus.map((p) => p.items.map((i) => (typeof i === 'string' ? i : `<${'class' in i ? i.class : '?'}>`)).join(' '));
    // "where is it" and the yes/no class have no content word to swap.
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^where is my (parcel|packages|shipment)$/);
    // The second phrase's turn falls on its second content word ("order"); the class stays a class.
    expect(texts[1]).toMatch(/^cancel (orders|[a-z]+) <digits>$/);
    expect(texts[1]).not.toContain('banana');
    for (const text of texts) expect(candidates).toEqual(expect.arrayContaining(text.split(' ').filter((w) => !w.startsWith('<') && !['where', 'is', 'my', 'cancel'].includes(w))));
  });

  it('gives the same sentences every time, and the neighbours in turn as a word recurs', () => {
    const thrice: SpeechLanguage = { phrases: [{ items: ['package'] }, { items: ['package'] }, { items: ['package'] }], classes: {} };
    const options = { vectors: builtinWordVectors(), candidates, neighbours: 2, minimumSimilarity: 0.4 };
    const first = neighbourCorpus(thrice, options);
    expect(neighbourCorpus(thrice, options)).toEqual(first);
    // GloVe (news text) puts "packages" and "shipment" nearest to "package", but not "parcel".
    expect(first.map((p) => p.items[0])).toEqual(['packages', 'shipment', 'packages']);
  });

  it('leaves out words with no vector or no neighbour close enough', () => {
    const far: SpeechLanguage = { phrases: [{ items: ['zzyzxq', 'package'] }, { items: ['package'] }], classes: {} };
    expect(neighbourCorpus(far, { vectors: builtinWordVectors(), candidates: ['banana'] })).toEqual([]);
  });
});
