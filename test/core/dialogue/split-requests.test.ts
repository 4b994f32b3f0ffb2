import { describe, expect, it } from 'vitest';
import { combineRequests } from '../../../core/dialogue/combine-requests.ts';
import { isEllipticalFollowUp } from '../../../core/dialogue/follow-up.ts';
import { isExplicitRequest } from '../../../core/dialogue/knowledge-or-action.ts';
import { splitRequests } from '../../../core/dialogue/split-requests.ts';

describe('splitRequests', () => {
  it.each([
    ['where is my order 12345 and also what are your opening hours?', ['where is my order 12345', 'what are your opening hours?']],
    ['where is my order 12345 and what are your opening hours?', ['where is my order 12345', 'what are your opening hours?']],
    ['what are your hours? where is the Chicago store? and I want to return order 12345', ['what are your hours?', 'where is the Chicago store?', 'I want to return order 12345']],
    ['I want to return my jacket, also how much does shipping cost?', ['I want to return my jacket', 'how much does shipping cost?']],
    ['Track order 12345. Then tell me when the Boston store opens', ['Track order 12345', 'tell me when the Boston store opens']],
    ['track order 12345 plus where is the Boston store?', ['track order 12345', 'where is the Boston store?']],
  ])('splits "%s"', (text, parts) => {
    expect(splitRequests(text)).toEqual(parts);
  });

  it.each([
    'can I return swimwear and underwear?',
    "I bought a laptop ten days ago and don't like it, is it too late to return it?",
    'I bought shoes and socks and they do not fit',
    'P.O. boxes are fine?',
    'what about Boston?',
    'can I cancel plus and get my money back',
    'is the Plus membership plus tax worth it?',
  ])('keeps "%s" whole', (text) => {
    expect(splitRequests(text)).toEqual([text]);
  });
});

describe('combineRequests', () => {
  const order = [{ type: 'start_flow', flow: 'order_status' }, { type: 'set_slot', name: 'order_id', value: '12345' }] as const;
  const ret = [{ type: 'start_flow', flow: 'return_item' }, { type: 'set_slot', name: 'order_id', value: '45210' }] as const;
  const hours = [{ type: 'start_flow', flow: 'store_hours' }] as const;
  const answer = { type: 'answer', text: 'A $4.95 fee.', source: 'Source: r.md', offer: 'return_item' } as const;
  const acts = (flow: string) => flow !== 'store_hours';

  it('puts answers and reply-only flows first, then one acting flow, and queues the others', () => {
    expect(combineRequests([[...order], [...ret], [answer], [...hours]], acts)).toEqual([
      { type: 'answer', text: 'A $4.95 fee.', source: 'Source: r.md' },
      ...order,
      ...hours,
      { type: 'queue_flow', flow: 'return_item', slots: { order_id: '45210' } },
    ]);
  });

  it('says once that a request was not understood, when others were', () => {
    expect(combineRequests([[{ type: 'fallback' }], [answer], [{ type: 'fallback' }]], acts)).toEqual([{ type: 'not_found' }, answer]);
    expect(combineRequests([[{ type: 'fallback' }], [{ type: 'fallback' }]], acts)).toEqual([{ type: 'fallback' }]);
  });
});

describe('isEllipticalFollowUp and isExplicitRequest', () => {
  it.each(['what about Boston?', 'how about 45210', 'and on sunday?', 'And Chicago?', 'the other one', 'same for Seattle'])('"%s" is a follow-up', (text) => {
    expect(isEllipticalFollowUp(text)).toBe(true);
  });
  it.each([
    'where is the Boston store?',
    'what about the return window for electronics bought in Boston last week?',
    'and where is my order 12345?',
    'and can you track 45210',
    'and I want to return order 45210',
  ])('"%s" is not', (text) => {
    expect(isEllipticalFollowUp(text)).toBe(false);
  });
  it.each([
    'I want to return my jacket',
    'can you track 12345',
    'has my parcel been sent out yet',
    'start a return please',
    "I've got something to return",
    'we have two items to send back',
  ])('"%s" asks to act', (text) => {
    expect(isExplicitRequest(text)).toBe(true);
  });
  it.each([
    'how much does a return cost?',
    "my discount code doesn't work",
    'the carrier says it was delivered but nothing is on my doorstep',
    'I have no idea how to return a gift',
  ])('"%s" does not', (text) => {
    expect(isExplicitRequest(text)).toBe(false);
  });
});
