import { describe, expect, it } from 'vitest';
import { compileJsgf } from '../../../engine/speech/pocketsphinx/compile-jsgf.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import { loadPocketsphinxLibrary } from '../../../engine/speech/pocketsphinx/pocketsphinx-library.ts';
import { type SpeechToText, transcribe } from '../../../engine/speech/speech-to-text.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { contractLanguage, speechToTextContract } from './speech-to-text-contract.ts';

let shared: SpeechToText | undefined;
const pocketsphinx = (): SpeechToText => {
  shared ??= createPocketsphinxSpeechToText();
  return shared;
};
speechToTextContract('pocketsphinx', pocketsphinx);

describe('pocketsphinx grammar', () => {
  it('writes the language as JSGF and leaves out phrases with words the dictionary lacks', () => {
    const known = new Set(['where', 'is', 'my', 'order', 'one', 'two']);
    const { jsgf, dropped, unknownWords } = compileJsgf(
      {
        phrases: [{ items: ['where', 'is', 'my', 'order'], weight: 3 }, { items: ['acmezz', 'order'] }, { items: [{ repeat: { class: 'digit' } }, { optional: 'order' }] }],
        classes: { digit: [['one'], ['two'], ['zzz']] },
      },
      (w) => known.has(w),
    );
    expect(jsgf).toContain('public <utterance> = /3/ ( where is my order ) | /1/ ( ( <c_digit> )+ [ order ] );');
    expect(jsgf).toContain('<c_digit> = ( one ) | ( two );');
    expect(dropped).toBe(1);
    expect(unknownWords).toEqual(['acmezz', 'zzz']);
  });

  it('says how to install pocketsphinx when its model is missing', () => {
    expect(() => loadPocketsphinxLibrary('/nonexistent/model')).toThrow(/apt-get install pocketsphinx pocketsphinx-en-us/);
  });

  it('hears nothing, or nothing sure, when the speech is outside the language', async () => {
    const stt = pocketsphinx();
    const inside = await transcribe(stt, spokenAudio('where is my order'), { language: contractLanguage });
    const outside = await transcribe(stt, spokenAudio('the weather is lovely by the sea today'), { language: contractLanguage });
    expect(outside.text === '' || outside.confidence < inside.confidence).toBe(true);
  });
});

describe('pocketsphinx n-gram model with a corpus', () => {
  // The phrases never say "please"; the corpus (how users vary them) does.
  const language = {
    phrases: [{ items: ['where', 'is', 'my', 'order'] }, { items: ['cancel', 'my', 'order'] }],
    classes: {},
    corpus: [{ items: ['where', 'is', 'my', 'order', 'please'] }, { items: ['um', 'cancel', 'my', 'order', 'please'] }],
  };

  it("hears the corpus's words only when the corpus is mixed in", async () => {
    const withCorpus = createPocketsphinxSpeechToText({ decoding: 'ngram', decoders: 1, alternatives: 0, corpusWeight: 1 });
    const without = createPocketsphinxSpeechToText({ decoding: 'ngram', decoders: 1, alternatives: 0, corpusWeight: 0 });
    const audio = () => spokenAudio('cancel my order please');
    expect((await transcribe(withCorpus, audio(), { language })).text.split(' ')).toContain('please');
    expect((await transcribe(without, audio(), { language })).text.split(' ')).not.toContain('please');
  });
});
