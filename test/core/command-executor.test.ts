import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCommandExecutor, type ExecutionScope } from '../../core/command-executor.ts';
import { createSkillRegistry } from '../../core/skill-registry.ts';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';

const calls: string[] = [];
const registry = createSkillRegistry([
  defineSkill({
    name: 'guarded',
    commands: {
      lookup: defineCommand({
        description: 'look up',
        parameters: z.object({ id: z.string().regex(/^\d{5}$/) }),
        async execute({ id }) {
          calls.push(`lookup ${id}`);
          return { id };
        },
      }),
      charge: defineCommand({
        description: 'charge',
        sideEffects: true,
        parameters: z.object({}),
        async execute() {
          calls.push('charge');
          return {};
        },
      }),
      private_data: defineCommand({
        description: 'private',
        requiresVerifiedUser: true,
        parameters: z.object({}),
        async execute() {
          calls.push('private');
          return {};
        },
      }),
      broken: defineCommand({
        description: 'broken',
        parameters: z.object({}),
        async execute() {
          throw new Error('database is down');
        },
      }),
    },
  }),
]);
const executor = createCommandExecutor({ registry, log: pino({ level: 'silent' }), data: {}, maxCommandsPerTurn: 2, now: () => 0 });
const scope = (extra: Partial<ExecutionScope> = {}): ExecutionScope => ({
  conversationId: 'c',
  turnId: 't',
  user: { id: 'u', verified: false },
  signal: new AbortController().signal,
  allowed: new Set(['lookup', 'charge', 'private_data', 'broken']),
  confirmed: [],
  executed: [],
  ...extra,
});

describe('command executor guards', () => {
  it('runs an allowed, schema-valid call and records it', async () => {
    calls.length = 0;
    const s = scope();
    expect(await executor.execute({ name: 'lookup', args: { id: '12345' } }, s)).toEqual({ ok: true, value: { id: '12345' } });
    expect(s.executed).toEqual(['lookup']);
    expect(calls).toEqual(['lookup 12345']);
  });

  it.each([
    ['an unknown command', { name: 'nope', args: {} }, scope(), 'unknown_command'],
    ['a command not allowed in this state', { name: 'lookup', args: { id: '12345' } }, scope({ allowed: new Set() }), 'not_allowed'],
    ['arguments that fail the schema', { name: 'lookup', args: { id: '123' } }, scope(), 'invalid_args'],
    ['a side effect the user has not confirmed', { name: 'charge', args: {} }, scope(), 'needs_confirmation'],
    ['an unverified user', { name: 'private_data', args: {} }, scope(), 'unverified_user'],
    ['a command already run in this turn', { name: 'lookup', args: { id: '12345' } }, scope({ executed: ['lookup'] }), 'duplicate'],
    ['more than the per-turn limit', { name: 'charge', args: {} }, scope({ executed: ['a', 'b'], confirmed: ['charge'] }), 'too_many_commands'],
  ])('refuses %s without running it', async (_label, call, s, refusal) => {
    calls.length = 0;
    const outcome = await executor.execute(call, s);
    expect(outcome).toMatchObject({ ok: false, refusal });
    expect(calls).toEqual([]);
  });

  it('names the field and the problem for invalid arguments', async () => {
    expect(await executor.execute({ name: 'lookup', args: { id: 5 } }, scope())).toMatchObject({
      message: expect.stringMatching(/invalid arguments for "lookup": id: /),
    });
  });

  it('does not start a command once the turn is aborted', async () => {
    calls.length = 0;
    const controller = new AbortController();
    controller.abort();
    expect(await executor.execute({ name: 'lookup', args: { id: '12345' } }, scope({ signal: controller.signal }))).toMatchObject({ refusal: 'aborted' });
    expect(calls).toEqual([]);
  });

  it('runs confirmed side effects and verified-only commands, and reports a throwing command as failed', async () => {
    calls.length = 0;
    expect(await executor.execute({ name: 'charge', args: {} }, scope({ confirmed: ['charge'] }))).toMatchObject({ ok: true });
    expect(await executor.execute({ name: 'private_data', args: {} }, scope({ user: { id: 'u', verified: true } }))).toMatchObject({ ok: true });
    expect(await executor.execute({ name: 'broken', args: {} }, scope())).toMatchObject({ ok: false, refusal: 'failed', message: 'database is down' });
    expect(calls).toEqual(['charge', 'private']);
  });
});
