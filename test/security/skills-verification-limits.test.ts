import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../core/create-bot.ts';
import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';
import { loadAcmeData } from '../../examples/acme/acme-data.ts';
import { createOrderOwnership, type OrderOwnershipLimits } from '../../examples/acme/order-ownership.ts';
import { createOrderStatusSkill } from '../../examples/acme/order-status-skill.ts';
import { createReturnItemSkill } from '../../examples/acme/return-item-skill.ts';
import { createReturnsLedger } from '../../examples/acme/returns-ledger.ts';
import { createSqliteAttemptStore } from '../../examples/acme/sqlite-attempt-store.ts';
import { createAttemptLimiter } from '../../skills/attempt-limiter.ts';
import { builtinSkills } from '../../skills/builtin/builtin-skills.ts';
import { createMemoryAttemptStore } from '../../skills/memory-attempt-store.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';

const minute = 60_000;
let classifier: IntentClassifier;
const bots: Bot[] = [];

beforeAll(async () => {
  const acme = await loadAcme();
  classifier = acme.bot.classifier;
  await acme.bot.close();
});
afterAll(async () => {
  for (const bot of bots) await bot.close();
});

/** The Acme order and return skills over one ownership with a clock the test moves. */
async function acmeWithClock(limits: Partial<OrderOwnershipLimits> = {}) {
  const clock = { now: Date.parse('2026-12-07T10:00:00Z') };
  const { orders } = await loadAcmeData('examples/acme');
  const ownership = createOrderOwnership({ orders, store: createMemoryAttemptStore(), limits, now: () => clock.now });
  const ledger = createReturnsLedger(join(mkdtempSync(join(tmpdir(), 'parley-limits-')), 'returns.db'));
  const bot = await createBot({
    skills: [...builtinSkills(), createOrderStatusSkill(orders, ownership), createReturnItemSkill(orders, ledger, ownership)],
    classifier,
  });
  bots.push(bot);
  return { bot, clock, ledger };
}

/** Asks for order `orderId` and answers the e-mail question with `email`; resolves with the bot's replies to the e-mail. */
async function tryEmail(bot: Bot, conversationId: string, orderId: string, email: string): Promise<string> {
  const turns = await scriptConversation(bot, { conversationId }).user(`where is my order ${orderId}`).user(email).run();
  return turns.at(-1)?.replies.join('\n') ?? '';
}

describe('failed e-mail checks are limited per conversation and order', () => {
  it('locks the check of an order in a conversation for 15 minutes after 5 wrong e-mails, says so, and unlocks after', async () => {
    const { bot, clock } = await acmeWithClock();
    for (let i = 1; i <= 4; i += 1) expect(await tryEmail(bot, 'c-lock', '12345', `guess${i}@example.org`)).toMatch(/doesn't match order 12345/);
    expect(await tryEmail(bot, 'c-lock', '12345', 'guess5@example.org')).toMatch(/too many wrong e-mail addresses\. Please try again in 15 minutes/);
    // Even the right e-mail is refused while locked, and nothing of the order is shown.
    const locked = await tryEmail(bot, 'c-lock', '12345', 'maria.garcia@example.com');
    expect(locked).toMatch(/can't check order 12345 right now/);
    expect(locked).not.toMatch(/shipped|tracking/);
    // Another order in the same conversation is not locked.
    expect(await tryEmail(bot, 'c-lock', '45210', 'maria.garcia@example.com')).toMatch(/Order 45210 .* is delivered/);
    clock.now += 10 * minute;
    expect(await tryEmail(bot, 'c-lock', '12345', 'maria.garcia@example.com')).toMatch(/try again in 5 minutes/);
    clock.now += 5 * minute;
    expect(await tryEmail(bot, 'c-lock', '12345', 'maria.garcia@example.com')).toMatch(/Order 12345 .* is shipped/);
  });

  it('does not lock the owner out in another conversation', async () => {
    const { bot } = await acmeWithClock();
    for (let i = 1; i <= 5; i += 1) await tryEmail(bot, 'c-attacker', '12345', `guess${i}@example.org`);
    expect(await tryEmail(bot, 'c-owner', '12345', 'maria.garcia@example.com')).toMatch(/Order 12345 .* is shipped/);
  });

  it('locks an order in every conversation after 20 wrong e-mails over all of them (new conversations do not reset it)', async () => {
    const { bot } = await acmeWithClock();
    for (let c = 0; c < 5; c += 1) {
      for (let i = 0; i < 4; i += 1) await tryEmail(bot, `c-spread-${c}`, '30112', `g${c}-${i}@example.org`);
    }
    expect(await tryEmail(bot, 'c-fresh', '30112', 'james.chen@example.org')).toMatch(/can't check order 30112 right now/);
    // The owner signed in through the channel is not locked out by the guesses of others.
    const james = { id: 'james', verified: true, email: 'james.chen@example.org' };
    await scriptConversation(bot, { user: james }).user('where is my order 30112').expectReply(/Order 30112 .* is shipped/).run();
  });

  it('counts wrong e-mails of the return flow and of the order status together', async () => {
    const { bot, ledger } = await acmeWithClock();
    for (let i = 0; i < 3; i += 1) await tryEmail(bot, 'c-both', '45210', `g${i}@example.org`);
    for (let i = 0; i < 2; i += 1) {
      await scriptConversation(bot, { conversationId: 'c-both' })
        .user('I want to return something from order 45210')
        .user('too small')
        .user('yes')
        .user(`r${i}@example.org`)
        .run();
    }
    const [, , , last] = await scriptConversation(bot, { conversationId: 'c-both' })
      .user('I want to return something from order 45210')
      .user('too small')
      .user('yes')
      .user('maria.garcia@example.com')
      .expectReply(/can't check order 45210 right now/)
      .run();
    expect(last?.commands).toEqual([expect.objectContaining({ name: 'create_return', ok: false })]);
    expect(await ledger.list()).toHaveLength(0);
  });

  it('takes its limits from options', async () => {
    const { bot } = await acmeWithClock({ emailsPerConversationOrder: { maxFailures: 2, lockMs: 5 * minute } });
    expect(await tryEmail(bot, 'c-strict', '12345', 'a@example.org')).toMatch(/doesn't match/);
    expect(await tryEmail(bot, 'c-strict', '12345', 'b@example.org')).toMatch(/try again in 5 minutes/);
  });
});

describe('order-number probing is limited per conversation', () => {
  it('pauses lookups after 5 unknown numbers, without saying whether the next number exists, for 15 minutes', async () => {
    const { bot, clock } = await acmeWithClock();
    for (const n of ['10001', '10002', '10003', '10004', '10005']) {
      await scriptConversation(bot, { conversationId: 'c-probe' }).user(`where is my order ${n}`).expectReply(/couldn't find an order/).run();
    }
    const [paused] = await scriptConversation(bot, { conversationId: 'c-probe' })
      .user('where is my order 12345')
      .expectReply(/paused order lookups\. Please try again in 15 minutes/)
      .run();
    expect(paused?.replies.join('\n')).not.toMatch(/I found order/);
    clock.now += 15 * minute;
    await scriptConversation(bot, { conversationId: 'c-probe' }).user('where is my order 12345').expectReply(/I found order 12345/).run();
  });
});

describe('the counts survive a restart', () => {
  it('keeps a lock in the SQLite attempt store across reopening the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'parley-attempts-')), 'attempts.db');
    const first = createSqliteAttemptStore(file);
    const limiter = createAttemptLimiter({ store: first, limit: { maxFailures: 2 }, now: () => 1_000 });
    await limiter.fail('k');
    expect(await limiter.fail('k')).toEqual({ locked: true, retryAfterMs: 15 * minute });
    first.close();
    const second = createSqliteAttemptStore(file);
    expect(await createAttemptLimiter({ store: second, now: () => 1_000 + minute }).status('k')).toEqual({ locked: true, retryAfterMs: 14 * minute });
    second.close();
  });

  it('keeps the demo bot locked after it restarts on the same data directory', async () => {
    const first = await loadAcme();
    for (let i = 1; i <= 5; i += 1) await tryEmail(first.bot, 'c-restart', '12345', `guess${i}@example.org`);
    await first.bot.close();
    const second = await loadAcme({ dataDir: first.dataDir });
    bots.push(second.bot);
    expect(await tryEmail(second.bot, 'c-restart', '12345', 'maria.garcia@example.com')).toMatch(/can't check order 12345 right now/);
  });
});
