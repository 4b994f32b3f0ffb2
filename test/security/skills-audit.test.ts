import { mkdtempSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../core/create-bot.ts';
import { bot as acme } from '../../examples/acme/bot.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

const lines: Array<Record<string, unknown>> = [];
let bot: Bot;

beforeAll(async () => {
  const base = await loadAcme();
  const classifier = base.bot.classifier;
  await base.bot.close();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-audit-'));
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const setup = await acme.setup({ botDir: 'examples/acme', dataDir, log: pino({ level: 'silent' }) });
  bot = await createBot({ skills: setup.skills, classifier, logger: pino({ level: 'info' }, stream) });
});
afterAll(async () => bot.close());

const auditLines = (conversationId: string) => lines.filter((l) => l.audit === 'command' && l.conversationId === conversationId);

describe('the audit line of a command call', () => {
  it('is written once per call, run or refused, with who, where, what and the outcome, and no e-mail in it', async () => {
    const turns = await scriptConversation(bot, { conversationId: 'audit-1', user: { id: 'visitor-7', verified: false } })
      .user('where is my order 12345')
      .user('not.maria@example.org')
      .user('where is my order 12345')
      .user('maria.garcia@example.com')
      .run();
    const starts = turns.flatMap((t) => t.result.events.filter((e) => e.type === 'command-start'));
    const audit = auditLines('audit-1');
    expect(audit).toHaveLength(starts.length);
    expect(audit.map((l) => [l.command, l.outcome, l.refusal ?? null])).toEqual([
      ['get_order_status', 'ok', null],
      ['get_order_details', 'refused', 'forbidden'],
      ['get_order_status', 'ok', null],
      ['get_order_details', 'ok', null],
    ]);
    expect(audit[1]).toMatchObject({
      user: { id: 'visitor-7', verified: false },
      turnId: expect.any(String),
      args: { order_id: '12345', email: '[redacted]' },
      reason: expect.stringMatching(/doesn't match/),
      durationMs: expect.any(Number),
    });
    expect(JSON.stringify(audit)).not.toMatch(/@example\./);
  });

  it('records a refused side effect with its masked arguments, and the return is not opened', async () => {
    const turns = await scriptConversation(bot, { conversationId: 'audit-2' })
      .user('I want to return something from order 45210')
      .user('too small')
      .user('yes')
      .user('wrong@example.org')
      .run();
    expect(turns.at(-1)?.commands).toEqual([expect.objectContaining({ name: 'create_return', ok: false })]);
    expect(auditLines('audit-2')).toEqual([
      expect.objectContaining({ command: 'create_return', outcome: 'refused', refusal: 'forbidden', args: { order_id: '45210', reason: 'too small', email: '[redacted]' } }),
    ]);
  });
});
