import { describe, expect, it } from 'vitest';
import { createBooleanEntityExtractor } from '../../../engine/nlu/boolean-entity.ts';
import { trainExampleLanguageDetector } from '../../../engine/nlu/language-detector.ts';
import { createLinearIntentTrainer } from '../../../engine/nlu/linear-intent-trainer.ts';
import { tokenizeLanguages, tokenizeUtterance } from '../../../engine/nlu/tokenize-utterance.ts';

const spanish = { language: tokenizeLanguages.es! };

describe('Spanish tokenization', () => {
  it('reduces words to Snowball stems and drops accents, so forms and unaccented typing read alike', () => {
    expect(tokenizeUtterance('¿Dónde están mis devoluciones?', spanish)).toEqual(tokenizeUtterance('donde estan mis devolucion', spanish));
    expect(tokenizeUtterance('información', spanish)).toEqual(tokenizeUtterance('informacion', spanish));
    expect(tokenizeUtterance('envíos', spanish)).toEqual(tokenizeUtterance('envio', spanish));
    expect(tokenizeUtterance('¡Mañana!', spanish)).toEqual(['manan']);
  });

  it('treats ¿ and ¡ as separators, reads ñ typed as n alike, and keeps long numbers as placeholders', () => {
    expect(tokenizeUtterance('¿pedido 45210?', spanish)).toEqual(['ped', '<num5>']);
    expect(tokenizeUtterance('el año pasado', spanish)).toEqual(tokenizeUtterance('el ano pasado', spanish));
    expect(tokenizeUtterance('¡hola!', spanish)).toEqual(['hol']);
  });

  it('leaves language-neutral tokenization (the default) as it was', () => {
    expect(tokenizeUtterance('¿Dónde están mis devoluciones?')).toEqual(['dónde', 'están', 'mis', 'devoluciones']);
  });

  it('trains a Spanish classifier that reads inflections it never saw, and reloads with its language', async () => {
    const trainer = createLinearIntentTrainer({ ...spanish, wordVectors: null, backgroundTopics: null, backgroundUtterances: [] });
    const examples = [
      ...['quiero devolver un producto', 'hacer una devolución', 'devolver mi pedido', 'necesito devolverlo'].map((text) => ({ text, intent: 'return' })),
      ...['¿dónde está mi pedido?', 'seguimiento del envío', 'rastrear mi paquete', 'mi pedido no llega'].map((text) => ({ text, intent: 'track' })),
    ];
    const classifier = await trainer.train(examples);
    expect(classifier.classify('devoluciones').intent).toBe('return');
    expect(classifier.classify('rastreando paquetes').intent).toBe('track');
    const reloaded = trainer.load(JSON.parse(JSON.stringify(classifier.serialize())));
    expect(reloaded.classify('devoluciones')).toEqual(classifier.classify('devoluciones'));
  });

  it('rejects a tokenizer language it does not know', () => {
    expect(() => createLinearIntentTrainer({ language: 99 })).toThrow(/language/);
  });
});

describe('Spanish yes and no', () => {
  const extract = createBooleanEntityExtractor('answer').extract;
  it('reads sí, vale, claro que sí as yes and no gracias, mejor no as no; "no sé" and "no me ha llegado" as neither', () => {
    expect(extract('sí').map((e) => e.value)).toEqual([true]);
    expect(extract('vale, adelante')[0]?.value).toBe(true);
    expect(extract('claro que sí').map((e) => e.text)).toEqual(['claro que sí']);
    expect(extract('no gracias').map((e) => e.value)).toEqual([false]);
    expect(extract('mejor no').map((e) => e.value)).toEqual([false]);
    expect(extract('no sé')).toEqual([]);
    expect(extract('no me ha llegado el paquete')).toEqual([]);
  });
});

describe('language detection from the bot’s own examples', () => {
  it('reads short messages in the language of the examples they resemble, and nothing from digits or shared words', async () => {
    const detector = await trainExampleLanguageDetector({
      en: ['hi', 'hello there', 'where is my order', 'I want to return this', 'thanks a lot', 'what are your opening hours'],
      es: ['hola', 'buenos días', '¿dónde está mi pedido?', 'quiero devolver esto', 'muchas gracias', '¿a qué hora abren?'],
    });
    expect(detector.detect('¿dónde está mi paquete?')?.locale).toBe('es');
    expect(detector.detect('where is my parcel')?.locale).toBe('en');
    expect(detector.detect('12345')).toBeNull();
    expect(detector.detect('ok')).toBeNull();
  });
});
