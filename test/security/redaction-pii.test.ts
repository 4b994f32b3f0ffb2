import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultBotOptions } from '../../core/bot-options.ts';
import { createCommandExecutor } from '../../core/command-executor.ts';
import type { ConversationStore, Lease } from '../../core/contracts/conversation-store.ts';
import { createSkillRegistry } from '../../core/skill-registry.ts';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { createLogger } from '../../core/create-logger.ts';
import { maskArgs } from '../../core/mask-args.ts';
import { passesLuhn, redactPii, redactPiiDeep } from '../../core/redact-pii.ts';
import { withPiiRedaction } from '../../core/with-pii-redaction.ts';

function memoryDestination() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

describe('redactPii', () => {
  it('masks e-mail addresses', () => {
    expect(redactPii('write to maria.garcia@example.com, or J.Chen+shop@mail.example.org.')).toBe('write to [email], or [email].');
  });

  it('masks card numbers that pass the Luhn check, with or without separators, and leaves other digit runs', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(redactPii('card 4111 1111 1111 1111 ok')).toBe('card [card] ok');
    expect(redactPii('amex 3782-822463-10005')).toBe('amex [card]');
    expect(redactPii('4111111111111111')).toBe('[card]');
    // 16 digits failing Luhn: not a card, and too long for a phone number.
    expect(redactPii('ref 4111-1111-1111-1112')).toBe('ref 4111-1111-1111-1112');
  });

  it('masks phone numbers in the usual notations', () => {
    expect(redactPii('call +1 (555) 010-2345 today')).toBe('call [phone] today');
    expect(redactPii('tel 555.010.2345')).toBe('tel [phone]');
    expect(redactPii('+49 30 12345678')).toBe('[phone]');
    expect(redactPii('phone 030 1234567')).toBe('phone [phone]');
  });

  it('leaves order numbers, dates, times, prices and ids alone', () => {
    const text = 'order 12345 placed 2024-05-01, eta 2024-12-09T10:00:00Z, open 10:00–18:00, 129.99 USD, key create_return:abc1234567890def';
    expect(redactPii(text)).toBe(text);
  });

  it('masks every string of a JSON-like value, errors included, and keeps numbers', () => {
    const masked = redactPiiDeep({ a: ['x@y.io', 3], b: { c: 'card 4111111111111111' }, err: new Error('no user a@b.co') });
    expect(masked).toEqual({ a: ['[email]', 3], b: { c: 'card [card]' }, err: expect.objectContaining({ type: 'Error', message: 'no user [email]' }) });
  });
});

describe('maskArgs (the audit line)', () => {
  it('hides values of sensitive names and masks personal data in the others', () => {
    expect(maskArgs({ order_id: '12345', email: 'maria@example.com', reason: 'call me at +1 555 010 2345', card_number: '4111' })).toEqual({
      order_id: '12345',
      email: '[redacted]',
      reason: 'call me at [phone]',
      card_number: '[redacted]',
    });
  });
});

describe('redacting loggers', () => {
  it('is off by default', () => {
    expect(defaultBotOptions.redactPii).toBe(false);
    const { stream, lines } = memoryDestination();
    createLogger('info', 'test', { destination: stream }).info({ email: 'a@b.com' }, 'hello a@b.com');
    expect(lines[0]).toMatchObject({ email: 'a@b.com', msg: 'hello a@b.com' });
  });

  it('createLogger with redactPii masks fields, nested values, errors of children and messages', () => {
    const { stream, lines } = memoryDestination();
    const log = createLogger('info', 'test', { redactPii: true, destination: stream });
    log.info({ user: { email: 'a@b.com' }, note: 'card 4111 1111 1111 1111' }, 'message for a@b.com');
    log.child({ conversationId: 'c1' }).warn({ err: new Error('unknown +1 555 010 2345') }, 'failed');
    expect(lines[0]).toMatchObject({ user: { email: '[email]' }, note: 'card [card]', msg: 'message for [email]' });
    expect(JSON.stringify(lines[1])).not.toMatch(/555/);
    expect(lines[1]).toMatchObject({ conversationId: 'c1', msg: 'failed' });
  });

  it('withPiiRedaction masks the fields of a logger the bot was given, and of its children', () => {
    const { stream, lines } = memoryDestination();
    const log = withPiiRedaction(pino({ level: 'info' }, stream));
    log.child({ turnId: 't1' }).info({ args: { email: 'q@w.io' } }, 'command ran');
    expect(lines[0]).toMatchObject({ turnId: 't1', args: { email: '[email]' } });
  });
});

describe('the executor with redactPii', () => {
  it('masks the arguments it journals and the errors it logs, while the command gets the real values', async () => {
    const received: unknown[] = [];
    const journaled: unknown[] = [];
    const registry = createSkillRegistry([
      defineSkill({
        name: 'callbacks',
        commands: {
          request_callback: defineCommand({
            description: 'request a call back',
            sideEffects: true,
            parameters: z.object({ phone: z.string(), note: z.string() }),
            async execute(args) {
              received.push(args);
              throw new Error(`line busy: ${args.phone}`);
            },
          }),
        },
      }),
    ]);
    const journal = {
      async beginEffect(effect: { args: unknown }) {
        journaled.push(effect.args);
        return { status: 'new' as const };
      },
      async finishEffect() {},
    } as unknown as ConversationStore;
    const { stream, lines } = memoryDestination();
    const executor = createCommandExecutor({ registry, log: pino({ level: 'info' }, stream), data: {}, maxCommandsPerTurn: 3, now: () => 0, journal, redactPii: true });
    const args = { phone: '+1 555 010 2345', note: 'or mail ana@example.com' };
    await executor.execute(
      { name: 'request_callback', args },
      { conversationId: 'c', turnId: 't', user: { id: 'u', verified: false }, signal: new AbortController().signal, allowed: new Set(['request_callback']), confirmed: ['request_callback'], executed: [], lease: {} as Lease },
    );
    expect(received).toEqual([args]);
    expect(journaled).toEqual([{ phone: '[redacted]', note: 'or mail [email]' }]);
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toMatch(/555|ana@/);
    expect(lines[0]).toMatchObject({ audit: 'command', outcome: 'failed', refusal: 'failed' });
  });
});
