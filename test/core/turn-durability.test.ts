import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCommandExecutor, idempotencyKey } from '../../core/command-executor.ts';
import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import { StoreUnavailableError } from '../../core/contracts/errors/store-unavailable-error.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';
import { createBot } from '../../core/create-bot.ts';
import { createSkillRegistry } from '../../core/skill-registry.ts';
import { createMemoryStore } from '../../core/stores/memory-store.ts';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { keywordClassifier } from '../support/keyword-classifier.ts';
import { scriptedLanguageModel } from '../support/scripted-language-model.ts';

const log = pino({ level: 'silent' });
const turn = (conversationId: string, id: string, text: string): UserTurn => ({
  id,
  conversationId,
  user: { id: 'u1', verified: false },
  channel: 'rest',
  text,
  locale: 'en',
  timestamp: 0,
});

function accountSkill(ran: string[]) {
  return defineSkill({
    name: 'account',
    intents: { lookup: { examples: ['look up my account', 'find my account', 'show my account details'] } },
    flows: { lookup: { description: 'looking up the account', steps: [{ call: 'lookup_account' }, { respond: 'Here is your account.' }] } },
    commands: {
      lookup_account: defineCommand({ description: 'look up the account', parameters: z.object({}), async execute() { ran.push('lookup_account'); return { ok: true }; } }),
      delete_account: defineCommand({ description: 'delete the account', parameters: z.object({}), async execute() { ran.push('delete_account'); return { deleted: true }; } }),
    },
  });
}

describe('the executor guard in a running bot', () => {
  it('refuses a command the model names outside the dialogue state (not a step, not an offered tool) and never runs it', async () => {
    const ran: string[] = [];
    const model = scriptedLanguageModel(() => ({ calls: [{ name: 'delete_account', arguments: {} }] }));
    const bot = await createBot({ skills: [accountSkill(ran)], classifier: keywordClassifier([]), model: model.model, logger: log });
    const result = await bot.handle(turn('g1', 't1', 'please wipe everything about me'));
    expect(ran).toEqual([]);
    expect(result.events).toContainEqual({ type: 'command-end', name: 'delete_account', ok: false, error: expect.stringMatching(/not allowed in this dialogue state/) });
    expect(result.route).toBe('model');
    await bot.close();
  });

  it('runs the command the active flow step calls', async () => {
    const ran: string[] = [];
    const model = scriptedLanguageModel(() => ({ calls: [{ name: 'lookup_account', arguments: {} }] }));
    const bot = await createBot({ skills: [accountSkill(ran)], classifier: keywordClassifier([]), model: model.model, logger: log });
    const result = await bot.handle(turn('g2', 't1', 'what do you have on me'));
    expect(ran).toEqual(['lookup_account']);
    expect(result.events).toContainEqual({ type: 'command-end', name: 'lookup_account', ok: true });
    await bot.close();
  });
});

describe('the effects journal', () => {
  const registryWith = (ran: string[], recover?: boolean) =>
    createSkillRegistry([
      defineSkill({
        name: 'shop',
        commands: {
          place_order: defineCommand({
            description: 'place an order',
            sideEffects: true,
            parameters: z.object({ item: z.string() }),
            async execute({ item }, ctx) {
              ran.push(`${item}@${ctx.idempotencyKey}`);
              return { order: `O-${ran.length}` };
            },
            ...(recover ? { recover: async (_args: { item: string }, ctx: { idempotencyKey: string }) => (ran.some((r) => r.endsWith(ctx.idempotencyKey)) ? { done: true as const, value: { order: 'O-recovered' } } : { done: false as const }) } : {}),
          }),
        },
      }),
    ]);
  const scope = async (store: ConversationStore) => ({
    conversationId: 'c1',
    turnId: 't1',
    user: { id: 'u1', verified: false },
    signal: new AbortController().signal,
    allowed: new Set(['place_order']),
    confirmed: ['place_order'],
    executed: [] as string[],
    lease: (await store.acquireLease('c1', 'node', 30_000))!,
  });
  const call = { name: 'place_order', args: { item: 'socks' } };

  it('runs a call once per idempotency key and answers a retry with the journaled result', async () => {
    const ran: string[] = [];
    const store = createMemoryStore();
    const executor = createCommandExecutor({ registry: registryWith(ran), log, data: {}, maxCommandsPerTurn: 3, now: Date.now, journal: store });
    expect(await executor.execute(call, await scope(store))).toEqual({ ok: true, value: { order: 'O-1' } });
    expect(await executor.execute(call, await scope(store))).toEqual({ ok: true, value: { order: 'O-1' } });
    expect(ran).toEqual([`socks@${idempotencyKey('c1', 't1', call)}`]);
  });

  it('resolves a call journaled as started but never finished with recover(), never by running it blindly', async () => {
    const ran: string[] = [];
    const store = createMemoryStore();
    const key = idempotencyKey('c1', 't1', call);
    const s = await scope(store);
    await store.beginEffect({ key, conversationId: 'c1', turnId: 't1', command: 'place_order', args: call.args, lease: s.lease });
    const without = createCommandExecutor({ registry: registryWith(ran), log, data: {}, maxCommandsPerTurn: 3, now: Date.now, journal: store });
    expect(await without.execute(call, s)).toMatchObject({ ok: false, refusal: 'unresolved' });
    expect(ran).toEqual([]);
    ran.push(`socks@${key}`);
    const withRecover = createCommandExecutor({ registry: registryWith(ran, true), log, data: {}, maxCommandsPerTurn: 3, now: Date.now, journal: store });
    expect(await withRecover.execute(call, await scope(store))).toEqual({ ok: true, value: { order: 'O-recovered' } });
    expect(await store.beginEffect({ key, conversationId: 'c1', turnId: 't1', command: 'place_order', args: call.args, lease: s.lease })).toEqual({ status: 'finished', result: { order: 'O-recovered' } });
    expect(ran).toHaveLength(1);
  });

  it('does not run the command when the journal cannot be written, and fails the call as retryable', async () => {
    const ran: string[] = [];
    const store = createMemoryStore();
    const broken: ConversationStore = { ...store, beginEffect: async () => { throw new StoreUnavailableError('memory', 'journal an effect', new Error('disk full')); } };
    const executor = createCommandExecutor({ registry: registryWith(ran), log, data: {}, maxCommandsPerTurn: 3, now: Date.now, journal: broken });
    await expect(executor.execute(call, await scope(store))).rejects.toMatchObject({ name: 'StoreUnavailableError', retryable: true });
    expect(ran).toEqual([]);
  });
});

describe('a bot over a failing store', () => {
  it('rejects the turn as retryable, reports degraded health, and runs it once when the store is back', async () => {
    const ran: string[] = [];
    const store = createMemoryStore();
    let failing = false;
    const unavailable = () => new StoreUnavailableError('memory', 'write', new Error('SQLITE_FULL: database or disk is full'));
    const flaky: ConversationStore = {
      ...store,
      acceptTurn: async (t) => { if (failing) throw unavailable(); return store.acceptTurn(t); },
      commitTurn: async (c) => { if (failing) throw unavailable(); return store.commitTurn(c); },
      probe: async () => { if (failing) throw unavailable(); },
    };
    const model = scriptedLanguageModel(() => ({ calls: [{ name: 'lookup_account', arguments: {} }] }));
    const bot = await createBot({ skills: [accountSkill(ran)], classifier: keywordClassifier([]), model: model.model, store: flaky, logger: log });
    failing = true;
    await expect(bot.handle(turn('f1', 't1', 'show me'))).rejects.toMatchObject({ name: 'StoreUnavailableError', retryable: true });
    expect(await bot.health()).toEqual({ status: 'degraded', reason: expect.stringMatching(/disk is full/) });
    failing = false;
    expect(await bot.health()).toEqual({ status: 'ok' });
    expect((await bot.handle(turn('f1', 't1', 'show me'))).status).toBe('completed');
    expect((await bot.handle(turn('f1', 't1', 'show me'))).status).toBe('duplicate');
    expect(ran).toEqual(['lookup_account']);
    await bot.close();
  });

  it('finishes turns a crash left accepted but unfinished when it starts', async () => {
    const ran: string[] = [];
    const store = createMemoryStore();
    await store.acceptTurn(turn('r1', 'left-over', 'show me'));
    const model = scriptedLanguageModel(() => ({ calls: [{ name: 'lookup_account', arguments: {} }] }));
    const bot = await createBot({ skills: [accountSkill(ran)], classifier: keywordClassifier([]), model: model.model, store, logger: log, recoverPendingTurns: false });
    expect(ran).toEqual([]);
    expect(await bot.recover()).toBe(1);
    expect(ran).toEqual(['lookup_account']);
    expect(await store.pendingTurns()).toEqual([]);
    expect(await bot.handle(turn('r1', 'left-over', 'show me'))).toMatchObject({ status: 'duplicate' });
    expect(await bot.history('r1')).toMatchObject([{ role: 'user', text: 'show me' }, { role: 'bot', text: 'Here is your account.' }]);
    await bot.close();
  });

  it('recovers by default when it is created', async () => {
    const ran: string[] = [];
    const store = createMemoryStore();
    await store.acceptTurn(turn('r2', 'left-over', 'show me'));
    const model = scriptedLanguageModel(() => ({ calls: [{ name: 'lookup_account', arguments: {} }] }));
    const bot = await createBot({ skills: [accountSkill(ran)], classifier: keywordClassifier([]), model: model.model, store, logger: log });
    await bot.close();
    expect(ran).toEqual(['lookup_account']);
  });
});

describe('transcripts', () => {
  it('keeps every line of a long conversation and pages it oldest first with an opaque cursor', async () => {
    const model = scriptedLanguageModel(() => ({ chunks: ['ok'] }));
    const bot = await createBot({ skills: [accountSkill([])], classifier: keywordClassifier([]), model: model.model, logger: log });
    for (let i = 0; i < 130; i += 1) await bot.handle(turn('long', `t${i}`, `message ${i}`));
    const first = await bot.transcript('long', { limit: 100 });
    expect(first.entries).toHaveLength(100);
    expect(first.entries[0]).toMatchObject({ role: 'user', text: 'message 0' });
    const second = await bot.transcript('long', { limit: 500, cursor: first.next! });
    expect(second.entries).toHaveLength(160);
    expect(second.next).toBeNull();
    expect(second.entries.at(-2)).toMatchObject({ role: 'user', text: 'message 129' });
    await expect(bot.transcript('long', { cursor: 'not-a-cursor' })).rejects.toMatchObject({ name: 'InputError', field: 'cursor' });
    await expect(bot.transcript('long', { limit: 501 })).rejects.toMatchObject({ name: 'InputError', field: 'limit' });
    expect(await bot.handle(turn('long', 't0', 'message 0'))).toMatchObject({ status: 'duplicate' });
    await bot.close();
  });
});
