import { describe, expect, it } from 'vitest';
import { createBooleanEntityExtractor } from '../../../engine/nlu/boolean-entity.ts';

const answers = createBooleanEntityExtractor('confirm');
const values = (text: string) => answers.extract(text).map((e) => e.value);

describe('createBooleanEntityExtractor', () => {
  it.each([
    'yes',
    'Yeah',
    'yep!',
    'sure',
    'ok',
    'Okay then',
    'please do',
    'go ahead',
    'do it',
    'correct',
    "that's right",
    'thats right',
    'that’s right',
    'confirm',
    'absolutely',
    'of course',
    'y',
    'yes please',
  ])('reads %j as yes', (text) => {
    expect(values(text)).toEqual([true]);
  });

  it.each([
    'no',
    'Nope',
    'nah',
    "don't",
    'dont',
    'do not',
    'stop',
    'not now',
    'cancel that',
    'negative',
    'n',
    'no thanks',
    'no thank you',
    'of course not',
    'absolutely not',
    "that's not right",
    'i do not',
  ])('reads %j as no', (text) => {
    expect(values(text)).toEqual([false]);
  });

  it.each([
    'no problem',
    'No worries',
    "I'm not sure",
    "i don't know",
    'order no. 12345',
    'yesterday',
    'nobody',
    "y'all",
  ])('finds no answer in %j', (text) => {
    expect(values(text)).toEqual([]);
  });

  it('reports a leading no with its span, leaving the rest of the message to the caller', () => {
    expect(answers.extract('no, the order number is 45210')).toEqual([
      { entity: 'confirm', value: false, text: 'no', start: 0, end: 2, extractor: 'boolean' },
    ]);
  });

  it('reports every answer in order with exact spans', () => {
    const text = 'No problem. Yes, go ahead';
    const found = answers.extract(text);
    expect(found.map((e) => [e.value, e.text, e.start, e.end])).toEqual([
      [true, 'Yes', 12, 15],
      [true, 'go ahead', 17, 25],
    ]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('only reads single letters when they are the whole message', () => {
    expect(answers.extract('  N. ')).toEqual([
      { entity: 'confirm', value: false, text: 'N', start: 2, end: 3, extractor: 'boolean' },
    ]);
    expect(values('plan b or plan n')).toEqual([]);
  });
});
