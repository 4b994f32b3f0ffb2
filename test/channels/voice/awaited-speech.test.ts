import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitedSpeech } from '../../../channels/voice/awaited-speech.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';

let acme: LoadedBot;

beforeAll(async () => {
  acme = await loadAcme({ knowledge: false });
});
afterAll(async () => {
  await acme.bot.close();
});

describe('what the widget waits for after a voice turn (voice-done.awaiting)', () => {
  it('is digits for an order id, free for an e-mail address or yes/no or options, and none for nothing in particular', () => {
    const registry = acme.bot.registry;
    expect(awaitedSpeech(registry, { kind: 'slot', flow: 'order_status', slot: 'order_id', entity: 'order_id', label: 'order number' })).toBe('digits');
    expect(awaitedSpeech(registry, { kind: 'slot', flow: 'order_status', slot: 'email', entity: 'email', label: 'e-mail address' })).toBe('free');
    expect(awaitedSpeech(registry, { kind: 'slot', flow: 'order_status', slot: 'note', label: 'note' })).toBe('free');
    expect(awaitedSpeech(registry, { kind: 'yes-no' })).toBe('free');
    expect(awaitedSpeech(registry, { kind: 'choice', options: ['a', 'b'] })).toBe('free');
    expect(awaitedSpeech(registry, undefined)).toBe('none');
  });
});
