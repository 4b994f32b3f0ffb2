import { describe, expect, it } from 'vitest';
import { splitRequests } from '../../../core/dialogue/split-requests.ts';

/** Orders in a bot's own verbs, as `orderedIntent` reads them from the examples (here: a shop's, English and Spanish). */
const orderOf = (clause: string): string | undefined => {
  if (/^(?:track|check)\b/i.test(clause)) return 'order_status';
  if (/^(?:return|start a return|devolver)\b/i.test(clause)) return 'return_item';
  if (/^(?:order|reserve)\b/i.test(clause)) return 'order_pizza';
  if (/^report\b/i.test(clause)) return 'report_missed_bin';
  return undefined;
};

describe('splitRequests on messages written from outside (issue #23)', () => {
  it.each([
    // A full stop before a lower-case request: chat is often typed in lower case.
    ['check order 71203 for me. how much is next day delivery?', ['check order 71203 for me', 'how much is next day delivery?']],
    // "first … then …", and a request after a preamble ("I want to …") in the bot's own verbs.
    ['first track my order 61580 then start a return for 45210', ['track my order 61580', 'start a return for 45210']],
    ['I want to return order 45210 and track order 12345', ['I want to return order 45210', 'track order 12345']],
    // The same order twice, each with its own number.
    ['track order 30112, track order 28734', ['track order 30112', 'track order 28734']],
    // An order in the bot's own verb, then a request in general words.
    ['order a pizza please and tell me what toppings you have', ['order a pizza please', 'tell me what toppings you have']],
    // Two questions typed as one run-on sentence, the second with a subject of its own.
    ['where is the chicago store what time do you open on saturday', ['where is the chicago store', 'what time do you open on saturday']],
    // A question, then an order in the bot's own verb (the waste bot, never tuned on).
    ['can I put batteries in the blue bin and report a missed green bin', ['can I put batteries in the blue bin', 'report a missed green bin']],
    // Spanish: "y también", ", también", "y luego", "y" before an accented question word.
    ['quiero devolver el pedido 45210 y también ¿cuál es el horario de Chicago?', ['quiero devolver el pedido 45210', '¿cuál es el horario de Chicago?']],
    ['horario de la tienda de Seattle, también la dirección de la de Austin', ['horario de la tienda de Seattle', 'la dirección de la de Austin']],
    ['primero quiero saber dónde está mi pedido 61580 y luego devolver el pedido 45210', ['quiero saber dónde está mi pedido 61580', 'devolver el pedido 45210']],
    ['¿dónde está la tienda de Boston y a qué hora abre el domingo?', ['¿dónde está la tienda de Boston', 'a qué hora abre el domingo?']],
  ])('splits "%s"', (text, parts) => {
    expect(splitRequests(text, { orderOf })).toEqual(parts);
  });

  it.each([
    'track order 12345 and check it again tomorrow',
    'return order 12345 and send me a label',
    'I paid for a lost book and then found it',
    'the delivery was late. thanks anyway',
    'do you have shoes in black y blue?',
    'quiero devolver los zapatos y los calcetines',
    'report a missed bin and report it again tomorrow',
    'where can I park how much is it',
    'can you tell me what time do you close',
    'P.O. boxes are fine?',
  ])('keeps "%s" whole', (text) => {
    expect(splitRequests(text, { orderOf })).toEqual([text]);
  });
});
