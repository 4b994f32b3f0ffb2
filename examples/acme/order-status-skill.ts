import { z } from 'zod';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import type { FlowState } from '../../skills/flow-state.ts';
import type { SkillDefinition } from '../../skills/skill-definition.ts';
import { acmeExamples } from './acme-examples.ts';
import type { AcmeOrder } from './acme-data.ts';
import { emailEntity, orderIdEntity, orderIdSlot } from './order-entities.ts';

type Lookup = { found: false; order_id: string } | { found: true; order: AcmeOrder };

const lookup = (state: FlowState) => state.results.get_order_status as Lookup | undefined;
const sameEmail = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.toLowerCase();

function ownsOrder(state: FlowState): boolean {
  const result = lookup(state);
  return result?.found === true && state.user.verified && sameEmail(state.user.email, result.order.email);
}

/** The order's details, for its owner only. */
export function describeOrder(order: AcmeOrder): string {
  const items = order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ');
  const where =
    order.status === 'delivered'
      ? `It was delivered on ${order.delivered_at}.`
      : order.status === 'shipped'
        ? `It's on its way with ${order.carrier} (tracking ${order.tracking}), expected ${order.eta}.`
        : order.status === 'cancelled'
          ? 'It was cancelled.'
          : `It's being prepared and should arrive by ${order.eta}.`;
  return `Order ${order.order_id} (placed ${order.placed_at}) is ${order.status}. ${where} Items: ${items}.`;
}

/** The `order_status` intent: asks for the order number, looks the order up, shows it to its owner. */
export function createOrderStatusSkill(orders: readonly AcmeOrder[]): SkillDefinition {
  return defineSkill({
    name: 'order-status',
    intents: { order_status: { examples: acmeExamples.order_status, title: 'Track an order', knowledge: true } },
    entities: { order_id: orderIdEntity, email: emailEntity },
    flows: {
      order_status: {
        description: 'checking an order',
        slots: {
          order_id: { ...orderIdSlot, prompt: "What's your order number? It has 5 digits, like 12345." },
          email: {
            entity: 'email',
            label: 'e-mail address',
            dependsOn: ['order_id'],
            schema: z.email(),
            invalidMessage: "That doesn't look like an e-mail address.",
            prompt: (state) =>
              `I found order ${state.slots.order_id}. To protect your privacy, what's the e-mail address on the order?`,
          },
        },
        steps: [
          { collect: 'order_id' },
          { call: 'get_order_status' },
          {
            when: (s) => lookup(s)?.found === false,
            respond: (s) => `I couldn't find an order with the number ${s.slots.order_id}. Please check the number in your confirmation e-mail.`,
          },
          { when: (s) => lookup(s)?.found === true && s.user.verified && !ownsOrder(s), respond: (s) => `Order ${s.slots.order_id} isn't on your account, so I can't show it.` },
          { when: (s) => lookup(s)?.found === true && !s.user.verified, collect: 'email' },
          {
            when: (s) => ownsOrder(s) || (!s.user.verified && s.slots.email !== undefined),
            respond: (s) => {
              const order = (lookup(s) as { order: AcmeOrder }).order;
              if (ownsOrder(s) || sameEmail(s.slots.email, order.email)) return describeOrder(order);
              return `Sorry, that e-mail address doesn't match order ${order.order_id}, so I can't show its details.`;
            },
          },
        ],
      },
    },
    commands: {
      get_order_status: defineCommand({
        description: 'look up an order',
        parameters: z.object({ order_id: z.string().regex(/^\d{5}$/).meta({ grounded: 'order_id' }) }),
        async execute({ order_id }): Promise<Lookup> {
          const order = orders.find((o) => o.order_id === order_id);
          return order ? { found: true, order } : { found: false, order_id };
        },
      }),
    },
  });
}
