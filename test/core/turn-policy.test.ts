import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Bot, createBot } from '../../core/create-bot.ts';
import type { UserTurn } from '../../core/contracts/user-turn.ts';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { keywordClassifier } from '../support/keyword-classifier.ts';

/** A skill whose commands record each run; `slow` waits until the test releases it. */
function recordingBot(options: { turnPolicy?: 'queue' | 'supersede'; coalesceMs?: number } = {}) {
  const ran: string[] = [];
  let release: () => void = () => {};
  const gate = () => new Promise<void>((resolve) => { release = resolve; });
  let started: () => void = () => {};
  const slowStarted = new Promise<void>((resolve) => { started = resolve; });
  const skill = defineSkill({
    name: 'recording',
    intents: {
      echo: { examples: ['echo'], flow: 'echo' },
      slow: { examples: ['slow'], flow: 'slow' },
      stop: { examples: ['stop'], action: 'cancel' },
    },
    flows: {
      echo: { description: 'echo', steps: [{ call: 'record' }, { respond: (s) => `echo ${String((s.results.record as { n: number }).n)}` }] },
      slow: { description: 'slow work', steps: [{ call: 'slow_step' }, { call: 'after_slow' }, { respond: 'slow done' }] },
    },
    commands: {
      record: defineCommand({
        description: 'record',
        parameters: z.object({}),
        async execute(_args, ctx) {
          ran.push(ctx.turnId);
          return { n: ran.length };
        },
      }),
      slow_step: defineCommand({
        description: 'slow step',
        parameters: z.object({}),
        async execute() {
          ran.push('slow_step');
          started();
          await gate();
          return {};
        },
      }),
      after_slow: defineCommand({
        description: 'after slow',
        parameters: z.object({}),
        async execute() {
          ran.push('after_slow');
          return {};
        },
      }),
    },
  });
  const classifier = keywordClassifier([
    { keyword: 'echo', ranking: [['echo', 0.95]] },
    { keyword: 'slow', ranking: [['slow', 0.95]] },
    { keyword: 'stop', ranking: [['stop', 0.95]] },
  ]);
  return { ran, release: () => release(), slowStarted, botPromise: createBot({ skills: [skill], classifier, ...options }) };
}

let clock = 0;
const turn = (conversationId: string, id: string, text: string, extra: Partial<UserTurn> = {}): UserTurn => ({
  id,
  conversationId,
  user: { id: 'u', verified: false },
  channel: 'test',
  text,
  locale: 'en',
  timestamp: ++clock,
  ...extra,
});
const replies = (events: Awaited<ReturnType<Bot['handle']>>['events']) => events.flatMap((e) => (e.type === 'text-end' ? [e.text] : []));

describe('turn policy', () => {
  it('runs 20 concurrent turns of one conversation in arrival order without blocking another conversation', async () => {
    const { ran, release, slowStarted, botPromise } = recordingBot();
    const bot = await botPromise;
    const blocker = bot.handle(turn('a', 'a-slow', 'slow'));
    await slowStarted;
    const burst = Array.from({ length: 20 }, (_, i) => bot.handle(turn('a', `a-${i}`, 'echo')));
    const other = await bot.handle(turn('b', 'b-1', 'echo'));
    expect(replies(other.events)).toEqual(['echo 2']);
    expect(ran).toEqual(['slow_step', 'b-1']);
    release();
    const results = await Promise.all(burst);
    await blocker;
    const order = ran.filter((id) => id.startsWith('a-'));
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => `a-${i}`));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill('completed'));
    await bot.close();
  });

  it('lets a superseding turn abort the running one: the command not yet started never runs', async () => {
    const { ran, release, slowStarted, botPromise } = recordingBot();
    const bot = await botPromise;
    const first = bot.handle(turn('c', 'c-1', 'slow'));
    await slowStarted;
    const second = bot.handle(turn('c', 'c-2', 'stop', { policy: 'supersede' }));
    release();
    const [firstResult, secondResult] = await Promise.all([first, second]);
    expect(firstResult.status).toBe('superseded');
    expect(ran).toEqual(['slow_step']);
    expect(replies(secondResult.events).join(' ')).toMatch(/stopped: slow work/);
    expect(replies(firstResult.events)).not.toContain('slow done');
    await bot.close();
  });

  it('runs the command of a turn id sent twice only once and answers both with the same reply', async () => {
    const { ran, botPromise } = recordingBot();
    const bot = await botPromise;
    const [a, b] = await Promise.all([bot.handle(turn('d', 'same', 'echo')), bot.handle(turn('d', 'same', 'echo'))]);
    const c = await bot.handle(turn('d', 'same', 'echo'));
    expect(ran).toEqual(['same']);
    expect(replies(a.events)).toEqual(['echo 1']);
    expect(replies(b.events)).toEqual(['echo 1']);
    expect(replies(c.events)).toEqual(['echo 1']);
    expect([b.status, c.status]).toEqual(['duplicate', 'duplicate']);
    await bot.close();
  });

  it('coalesces a burst of chat messages into one turn when configured', async () => {
    const { ran, botPromise } = recordingBot({ coalesceMs: 50 });
    const bot = await botPromise;
    const results = await Promise.all([bot.handle(turn('e', 'e-1', 'hmm')), bot.handle(turn('e', 'e-2', 'echo'))]);
    expect(ran).toEqual(['e-2']);
    expect(replies(results[0].events)).toEqual(['echo 1']);
    expect(results[1].events).toEqual(results[0].events);
    const history = await bot.history('e');
    expect(history.filter((h) => h.role === 'user').map((h) => h.text)).toEqual(['hmm', 'echo']);
    await bot.close();
  });

  it('rejects a malformed turn with a clear error', async () => {
    const { botPromise } = recordingBot();
    const bot = await botPromise;
    await expect(bot.handle(turn('f', 'f-1', '   '))).rejects.toThrow(/turn.text: must be non-empty/);
    await expect(bot.handle(turn('f', 'f-2', 'x'.repeat(5000)))).rejects.toThrow(/limit is 4000/);
    await bot.close();
  });
});
