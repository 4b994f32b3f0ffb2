import { z } from 'zod';
import { type AttemptLimit, type AttemptLimiter, createAttemptLimiter } from '../../skills/attempt-limiter.ts';
import type { AttemptStore } from '../../skills/attempt-store.ts';
import type { CommandAuthorization, CommandContext } from '../../skills/command-definition.ts';
import type { FlowState } from '../../skills/flow-state.ts';
import type { SlotDefinition } from '../../skills/slot-definition.ts';
import type { AcmeOrder } from './acme-data.ts';

/** The limits on guessing, each counted where it survives restarts (the ownership's attempt store). */
export interface OrderOwnershipLimits {
  /** Wrong e-mails for one order in one conversation. Default: 5 in 15 minutes lock that check for 15 minutes. */
  emailsPerConversationOrder: Partial<AttemptLimit>;
  /** Wrong e-mails for one order over all conversations. Default: 20 in 15 minutes lock it for 15 minutes. */
  emailsPerOrder: Partial<AttemptLimit>;
  /** Order numbers not found in one conversation. Default: 5 in 15 minutes lock lookups for 15 minutes. */
  unknownOrdersPerConversation: Partial<AttemptLimit>;
}

/** The defaults of {@link OrderOwnershipLimits}. */
export const defaultOrderOwnershipLimits: OrderOwnershipLimits = {
  emailsPerConversationOrder: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  emailsPerOrder: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  unknownOrdersPerConversation: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

/** Options of {@link createOrderOwnership}. */
export interface OrderOwnershipOptions {
  orders: readonly AcmeOrder[];
  /** Where failed attempts are counted (the demo uses a SQLite file in its data directory). */
  store: AttemptStore;
  /** Unset limits keep {@link defaultOrderOwnershipLimits}'. */
  limits?: Partial<OrderOwnershipLimits>;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The arguments of a command that acts on an order: its number and, from an unverified user, the proof. */
export interface OrderArgs {
  order_id: string;
  email?: string | undefined;
}

/** What an order lookup found: whether the number exists, never the order itself (that needs the proof). */
export type OrderLookup = { found: boolean; order_id: string };

/** The proof of ownership the order and return flows share. */
export interface OrderOwnership {
  /** `authorize` of a command acting on an order: a verified user whose e-mail is the order's, or the order's e-mail in the arguments. */
  authorize(args: OrderArgs, ctx: CommandContext): Promise<CommandAuthorization>;
  /** `authorize` of an order lookup: refused while the conversation is locked for trying unknown numbers. */
  authorizeLookup(args: OrderArgs, ctx: CommandContext): Promise<CommandAuthorization>;
  /** Looks a number up; an unknown one counts against the conversation's limit. */
  lookup(orderId: string, ctx: CommandContext): Promise<OrderLookup>;
  /** The order with this number, for a command that passed {@link authorize}. */
  find(orderId: string): AcmeOrder | undefined;
  /** The e-mail slot that carries the proof, with the flow's own question. */
  emailSlot(prompt: (state: FlowState) => string): SlotDefinition;
}

const sameEmail = (a: unknown, b: string): boolean => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
const minutes = (ms: number): string => {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return m === 1 ? '1 minute' : `${m} minutes`;
};

/**
 * The demo's object-level authorization, one implementation for every command that acts on an order: the
 * caller proves ownership (verified e-mail, or the order's e-mail), wrong proofs are counted per conversation and
 * order and per order, unknown numbers per conversation, and a locked check says for how long. An unknown order
 * and a wrong e-mail get the same answer, so the proof step never tells which numbers exist.
 */
export function createOrderOwnership(options: OrderOwnershipOptions): OrderOwnership {
  const limits = { ...defaultOrderOwnershipLimits, ...options.limits };
  const limiter = (limit: Partial<AttemptLimit>): AttemptLimiter =>
    createAttemptLimiter({ store: options.store, limit, ...(options.now ? { now: options.now } : {}) });
  const perConversationOrder = limiter(limits.emailsPerConversationOrder);
  const perOrder = limiter(limits.emailsPerOrder);
  const unknownOrders = limiter(limits.unknownOrdersPerConversation);
  const find = (orderId: string) => options.orders.find((o) => o.order_id === orderId);
  const lockedFor = (orderId: string, ms: number): CommandAuthorization => ({
    allowed: false,
    reason: `For your security, I can't check order ${orderId} right now: there were too many wrong e-mail addresses. Please try again in ${minutes(ms)}.`,
    retryAfterMs: ms,
  });

  return {
    find,
    async authorize(args, ctx) {
      const keyOfConversation = `email:${ctx.conversationId}:${args.order_id}`;
      const keyOfOrder = `email:${args.order_id}`;
      const order = find(args.order_id);
      // A signed-in owner proves nothing by guessing, so others' wrong guesses never lock them out.
      if (order && ctx.user.verified && sameEmail(ctx.user.email, order.email)) return { allowed: true };
      for (const [l, key] of [[perConversationOrder, keyOfConversation], [perOrder, keyOfOrder]] as const) {
        const status = await l.status(key);
        if (status.locked) return lockedFor(args.order_id, status.retryAfterMs);
      }
      if (order && sameEmail(args.email, order.email)) {
        await perConversationOrder.reset(keyOfConversation);
        return { allowed: true };
      }
      if (args.email === undefined && ctx.user.verified) {
        return { allowed: false, reason: `Order ${args.order_id} isn't on your account, so I can't show it or change it.` };
      }
      if (args.email === undefined) {
        return { allowed: false, reason: `I need the e-mail address on order ${args.order_id} before I can do that.` };
      }
      const [one, all] = [await perConversationOrder.fail(keyOfConversation), await perOrder.fail(keyOfOrder)];
      const locked = one.locked ? one : all.locked ? all : undefined;
      if (locked?.locked) return lockedFor(args.order_id, locked.retryAfterMs);
      return { allowed: false, reason: `Sorry, that e-mail address doesn't match order ${args.order_id}, so I can't go on with it.` };
    },
    async authorizeLookup(_args, ctx) {
      const status = await unknownOrders.status(`lookup:${ctx.conversationId}`);
      if (!status.locked) return { allowed: true };
      return {
        allowed: false,
        reason: `You've tried several order numbers that don't exist, so I've paused order lookups. Please try again in ${minutes(status.retryAfterMs)}.`,
        retryAfterMs: status.retryAfterMs,
      };
    },
    async lookup(orderId, ctx) {
      if (find(orderId)) return { found: true, order_id: orderId };
      await unknownOrders.fail(`lookup:${ctx.conversationId}`);
      return { found: false, order_id: orderId };
    },
    emailSlot(prompt) {
      return {
        entity: 'email',
        label: 'e-mail address',
        dependsOn: ['order_id'],
        schema: z.email(),
        invalidMessage: "That doesn't look like an e-mail address.",
        prompt,
      };
    },
  };
}

/** The `email` argument of a command acting on an order: optional, and only a value the user typed (grounded). */
export const orderEmailParameter = z.string().max(254).optional().meta({ grounded: 'email' });
