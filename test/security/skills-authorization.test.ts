import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CommandCall, createCommandExecutor, type ExecutionScope } from '../../core/command-executor.ts';
import type { ConversationStore, Lease } from '../../core/contracts/conversation-store.ts';
import type { ChannelUser } from '../../core/contracts/user-turn.ts';
import type { Bot } from '../../core/create-bot.ts';
import { createSkillRegistry } from '../../core/skill-registry.ts';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';
import { loadAcme } from '../support/load-acme.ts';
import { readAcmeReturns } from '../support/read-acme-returns.ts';

describe('the authorize hook of a command', () => {
  const owner: ChannelUser = { id: 'ana', verified: true };
  const stranger: ChannelUser = { id: 'bob', verified: true };
  const setup = () => {
    const ran: unknown[] = [];
    const seen: unknown[] = [];
    const journaled: string[] = [];
    const registry = createSkillRegistry([
      defineSkill({
        name: 'bookings',
        commands: {
          cancel_booking: defineCommand({
            description: 'cancel a booking',
            sideEffects: true,
            parameters: z.object({ booking: z.string().trim() }),
            authorize(args, ctx) {
              seen.push(args);
              if (ctx.user.id === 'boom') throw new Error('directory down');
              return ctx.user.id === 'ana' && args.booking === 'B-1'
                ? { allowed: true }
                : { allowed: false, reason: `Booking ${args.booking} is not yours.`, retryAfterMs: 1000 };
            },
            async execute(args) {
              ran.push(args);
              return { cancelled: args.booking };
            },
          }),
        },
      }),
    ]);
    const journal = {
      async beginEffect(effect: { key: string }) {
        journaled.push(effect.key);
        return { status: 'new' as const };
      },
      async finishEffect() {},
    } as unknown as ConversationStore;
    const executor = createCommandExecutor({ registry, log: pino({ level: 'silent' }), data: {}, maxCommandsPerTurn: 3, now: () => 0, journal });
    const scope = (user: ChannelUser): ExecutionScope => ({
      conversationId: 'c1',
      turnId: 't1',
      user,
      signal: new AbortController().signal,
      allowed: new Set(['cancel_booking']),
      confirmed: ['cancel_booking'],
      executed: [],
      lease: { token: 'lease' } as unknown as Lease,
    });
    return { executor, scope, ran, seen, journaled };
  };
  const call: CommandCall = { name: 'cancel_booking', args: { booking: ' B-1 ' } };

  it('lets the owner run the command, with the parsed arguments', async () => {
    const { executor, scope, ran, seen } = setup();
    expect(await executor.execute(call, scope(owner))).toEqual({ ok: true, value: { cancelled: 'B-1' } });
    expect(seen).toEqual([{ booking: 'B-1' }]);
    expect(ran).toHaveLength(1);
  });

  it('refuses anyone else as forbidden with its reason, before the effect is journaled or run', async () => {
    const { executor, scope, ran, journaled } = setup();
    expect(await executor.execute(call, scope(stranger))).toEqual({ ok: false, refusal: 'forbidden', message: 'Booking B-1 is not yours.', retryAfterMs: 1000 });
    expect(ran).toHaveLength(0);
    expect(journaled).toHaveLength(0);
  });

  it('fails closed when the hook throws, and a refused call is not retried in the same turn', async () => {
    const { executor, scope, ran } = setup();
    const boom = scope({ id: 'boom', verified: true });
    expect(await executor.execute(call, boom)).toMatchObject({ ok: false, refusal: 'forbidden' });
    const same = scope(stranger);
    await executor.execute(call, same);
    expect(await executor.execute(call, { ...same, user: owner })).toMatchObject({ ok: false, refusal: 'duplicate' });
    expect(ran).toHaveLength(0);
  });
});

describe('Acme: a return needs the same proof of ownership as the order status', () => {
  let bot: Bot;
  let dataDir: string;
  const returns = () => readAcmeReturns(dataDir);
  beforeAll(async () => {
    ({ bot, dataDir } = await loadAcme());
  });
  afterAll(async () => bot.close());

  const upToTheProof = (user?: ChannelUser) =>
    scriptConversation(bot, user ? { user } : {})
      .user('I want to return something from order 45210')
      .expectReply(/Why are you returning it/)
      .user('it is too small')
      .expectReply(/Shall I go ahead/)
      .expectNoCommand();

  it('asks an unverified user for the order e-mail after the yes, and opens no return on a wrong one', async () => {
    const before = returns().length;
    await upToTheProof()
      .user('yes')
      .expectReply(/e-mail address on the order/)
      .expectNoCommand()
      .user('someone.else@example.org')
      .expectReply(/doesn't match order 45210/)
      .run();
    expect(returns()).toHaveLength(before);
  });

  it('opens the return with the right e-mail', async () => {
    const before = returns().length;
    await upToTheProof()
      .user('yes')
      .user('Maria.Garcia@example.com')
      .expectCommand('create_return')
      .expectReply(/Return R-\d+ for order 45210 is open/)
      .run();
    expect(returns()).toHaveLength(before + 1);
  });

  it('answers an unknown order exactly like a wrong e-mail, so the flow does not tell which numbers exist', async () => {
    const [, , , unknown] = await scriptConversation(bot)
      .user('I want to return something from order 99998')
      .user('it is broken')
      .user('yes')
      .user('someone@example.org')
      .expectReply(/doesn't match order 99998/)
      .run();
    const [, , , wrong] = await scriptConversation(bot)
      .user('I want to return something from order 40211')
      .user('it is broken')
      .user('yes')
      .user('someone@example.org')
      .run();
    expect(unknown?.replies.map((r) => r.replace('99998', 'N'))).toEqual(wrong?.replies.map((r) => r.replace('40211', 'N')));
  });

  it('lets a verified owner return without the e-mail, and refuses a verified user the order is not on', async () => {
    const before = returns().length;
    await upToTheProof({ id: 'maria', verified: true, email: 'maria.garcia@example.com' })
      .user('yes')
      .expectCommand('create_return', { order_id: '45210', reason: 'it is too small' })
      .run();
    await upToTheProof({ id: 'james', verified: true, email: 'james.chen@example.org' })
      .user('yes')
      .expectReply(/isn't on your account/)
      .run();
    expect(returns()).toHaveLength(before + 1);
  });

  it('keeps order details out of the conversation until the proof: the lookup says only whether the number exists', async () => {
    const [first, second] = await scriptConversation(bot)
      .user('where is my order 12345')
      .expectCommand('get_order_status', { order_id: '12345' })
      .user('wrong@example.org')
      .expectReply(/doesn't match order 12345/)
      .run();
    const shown = [...(first?.replies ?? []), ...(second?.replies ?? [])].join('\n');
    expect(shown).not.toMatch(/shipped|tracking|placed|Maria|maria/i);
    const lookup = first?.result.events.find((e) => e.type === 'command-end');
    expect(lookup).toMatchObject({ ok: true });
  });
});
