import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../core/create-bot.ts';
import { loadBotDirectory } from '../../core/load-bot-directory.ts';
import { loadAcme } from '../support/load-acme.ts';
import { loadLibraryBot } from '../support/load-library-bot.ts';
import { type DialogueSetCase, playCase, readDialogueSet } from '../support/play-dialogue-set.ts';

/**
 * Issue #23's dialogue half checked from outside: the frozen set `test/fixtures/dialogue-outside-set.json` (87
 * conversations with Acme, the library and the pizza shop, in English and Spanish, written before the dialogue code
 * was read) played through the real bots. Every case that holds is asserted; the ones that still fail are named here
 * and explained in docs/several-requests-and-follow-ups.md, so a fix shows up as a case to move over. A second set,
 * `dialogue-outside-waste-set.json`, was written for the waste bot after the fixes, to see whether they carry over.
 */
const stillFailing: ReadonlySet<string> = new Set([
  // The queued request is said before the first flow's question, not after it (the bot keeps its question last).
  'acme-several-04',
  'acme-several-09',
  'acme-several-16',
  'acme-es-several-04',
  'library-several-01',
  'library-several-05',
  // Answers come before replying flows, not in the message's order.
  'acme-several-10',
  // No joiner to split at: "… and the hours of the Austin store", a run-on sentence with two questions.
  'acme-several-05',
  'acme-several-14',
  // The wrong section is chosen ("how can I check where my order is?"; the Spanish glossary for "rebajas").
  'acme-koa-10',
  'acme-koa-21',
  // Acme's own examples make "can I exchange this for a different size" a return.
  'acme-koa-20',
  // "what about Boston?" with nothing before it: the bot asks "Find a store" or "Opening hours" without naming Boston.
  'acme-follow-16',
  // The set's own error: "card number" also stands in a second passage quoted (the bot answered and offered).
  'library-koa-05',
  // The second set (the waste bot, never tuned on): the queue said first; the wrong section for "what goes in the
  // black bin" and for "and the green one?" after a question about the blue bin (engine/knowledge).
  'waste-several-02',
  'waste-several-04',
  'waste-follow-03',
]);

/** A Wednesday at noon UTC, so that "tomorrow" and today's hours are the same on every run. */
const timestamp = Date.parse('2026-12-09T12:00:00Z');
const cases = readDialogueSet();
const wasteCases = readDialogueSet('test/fixtures/dialogue-outside-waste-set.json');
const bots: Partial<Record<DialogueSetCase['bot'], Bot>> = {};

beforeAll(async () => {
  const pizzaDir = mkdtempSync(join(tmpdir(), 'parley-pizza-'));
  const wasteDir = mkdtempSync(join(tmpdir(), 'parley-waste-'));
  const [acme, library, pizza, waste] = await Promise.all([
    loadAcme(),
    loadLibraryBot(),
    loadBotDirectory('examples/pizza', { env: {}, overrides: { store: 'memory', dataDir: pizzaDir, logLevel: 'silent' } }),
    loadBotDirectory('test/fixtures/bots/waste', { env: {}, overrides: { store: 'memory', dataDir: wasteDir, logLevel: 'silent' } }),
  ]);
  Object.assign(bots, { acme: acme.bot, library: library.bot, pizza: pizza.bot, waste: waste.bot });
}, 120_000);
afterAll(async () => {
  await Promise.all(Object.values(bots).map((bot) => bot.close()));
});

const botOf = (item: DialogueSetCase): Bot => {
  const bot = bots[item.bot];
  if (!bot) throw new Error(`no bot "${item.bot}" loaded`);
  return bot;
};

describe('the frozen outside set of issue #23', () => {
  it('names only cases of the set as failing: 73 of its 87 hold (51 before the fixes)', () => {
    const ids = new Set(cases.map((c) => c.id));
    const wasteIds = new Set(wasteCases.map((c) => c.id));
    expect([...stillFailing].filter((id) => !ids.has(id) && !wasteIds.has(id))).toEqual([]);
    expect(cases).toHaveLength(87);
    expect(cases.length - [...stillFailing].filter((id) => ids.has(id)).length).toBe(73);
  });

  for (const kind of ['several', 'follow-up', 'knowledge-or-action'] as const) {
    describe(kind, () => {
      for (const item of cases.filter((c) => c.kind === kind && !stillFailing.has(c.id))) {
        it(`${item.id}: ${item.why}`, async () => {
          const outcome = await playCase(botOf(item), item, timestamp);
          expect(outcome.failure, outcome.replies.join('\n---\n')).toBeUndefined();
        }, 30_000);
      }
    });
  }
});

describe('the second outside set: the waste bot, written after the fixes and never tuned on', () => {
  it('13 of its 16 hold (12 before the one fix it led to)', () => {
    expect(wasteCases).toHaveLength(16);
    expect(wasteCases.filter((c) => !stillFailing.has(c.id))).toHaveLength(13);
  });

  for (const item of wasteCases.filter((c) => !stillFailing.has(c.id))) {
    it(`${item.id}: ${item.why}`, async () => {
      const outcome = await playCase(botOf(item), item, timestamp);
      expect(outcome.failure, outcome.replies.join('\n---\n')).toBeUndefined();
    }, 30_000);
  }
});
