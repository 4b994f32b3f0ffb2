import { beforeAll, describe, expect, it } from 'vitest';
import { primaryLanguage } from '../../core/bot-locales.ts';
import { chooseConversationLocale, type LocaleChoiceSettings } from '../../core/choose-conversation-locale.ts';
import { trainExampleLanguageDetector } from '../../engine/nlu/language-detector.ts';

let settings: LocaleChoiceSettings;

beforeAll(async () => {
  const detector = await trainExampleLanguageDetector({
    en: ['hi', 'hello there', 'where is my order', 'I want to return this', 'thanks a lot', 'what are your opening hours', 'talk to a person'],
    es: ['hola', 'buenos días', '¿dónde está mi pedido?', 'quiero devolver esto', 'muchas gracias', '¿a qué hora abren?', 'hablar con una persona'],
  });
  settings = { supported: ['en', 'es'], defaultLocale: 'en', detector };
});

const choose = (channelLocale: string, text: string, conversationLocale?: string) =>
  chooseConversationLocale({ channelLocale, text, conversationLocale }, settings);

describe('the locale of a turn', () => {
  it("takes the channel's locale when the bot speaks it, whatever the text", () => {
    expect(choose('es', 'where is my order')).toEqual({ locale: 'es', source: 'channel' });
    expect(choose('es-MX', 'where is my order', 'en')).toEqual({ locale: 'es', source: 'channel' });
    expect(choose('en-GB', '¿dónde está mi pedido?', 'es')).toEqual({ locale: 'en', source: 'channel' });
  });

  it('reads the first message when the channel does not know, or names a language the bot does not speak', () => {
    expect(choose('und', '¿dónde está mi pedido?')).toEqual({ locale: 'es', source: 'detected' });
    expect(choose('fr', '¿dónde está mi pedido?')).toEqual({ locale: 'es', source: 'detected' });
    expect(choose('und', 'where is my order')).toEqual({ locale: 'en', source: 'detected' });
  });

  it('uses the default locale when the first message says nothing about its language', () => {
    expect(choose('und', '12345')).toEqual({ locale: 'en', source: 'default' });
    expect(choose('und', 'ok')).toEqual({ locale: 'en', source: 'default' });
  });

  it('keeps the conversation’s locale for messages that say nothing, and switches on a clear switch', () => {
    expect(choose('und', '45210', 'es')).toEqual({ locale: 'es', source: 'conversation' });
    expect(choose('und', 'ok', 'es')).toEqual({ locale: 'es', source: 'conversation' });
    expect(choose('und', 'where is my order', 'es')).toEqual({ locale: 'en', source: 'detected' });
    expect(choose('und', '¿dónde está mi pedido?', 'en')).toEqual({ locale: 'es', source: 'detected' });
  });

  it('keeps the default locale when detection is off', () => {
    const { detector: _none, ...off } = settings;
    expect(chooseConversationLocale({ channelLocale: 'und', text: '¿dónde está mi pedido?', conversationLocale: undefined }, off)).toEqual({ locale: 'en', source: 'default' });
  });

  it('reads a language tag’s primary subtag, and nothing from "und"', () => {
    expect(primaryLanguage('es-419')).toBe('es');
    expect(primaryLanguage('PT_br')).toBe('pt');
    expect(primaryLanguage('und')).toBeUndefined();
    expect(primaryLanguage('')).toBeUndefined();
  });
});
