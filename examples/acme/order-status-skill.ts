import { z } from 'zod';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import type { SkillDefinition } from '../../skills/skill-definition.ts';
import { acmeExamples } from './acme-examples.ts';
import { acmeExamplesEs } from './acme-examples-es.ts';
import type { AcmeOrder } from './acme-data.ts';
import { emailEntity, emailSlotEs, orderIdEntity, orderIdSlot, orderIdSlotEs } from './order-entities.ts';
import { createMemoryAttemptStore } from '../../skills/memory-attempt-store.ts';
import { createOrderOwnership, type OrderLookup, type OrderOwnership, orderEmailParameter } from './order-ownership.ts';

/** The details fetched for the order number now in the slot (not an earlier, corrected one). */
const current = (order: AcmeOrder | null | undefined, orderId: unknown) => (order?.order_id === orderId ? order : undefined);

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

const statusEs: Record<string, string> = { delivered: 'entregado', shipped: 'enviado', cancelled: 'cancelado', processing: 'en preparación' };

/** The order's details in Spanish, for its owner only. */
export function describeOrderEs(order: AcmeOrder): string {
  const items = order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ');
  const where =
    order.status === 'delivered'
      ? `Se entregó el ${order.delivered_at}.`
      : order.status === 'shipped'
        ? `Está en camino con ${order.carrier} (seguimiento ${order.tracking}), llegada prevista el ${order.eta}.`
        : order.status === 'cancelled'
          ? 'Se canceló.'
          : `Lo estamos preparando y debería llegar el ${order.eta}.`;
  return `El pedido ${order.order_id} (hecho el ${order.placed_at}) está ${statusEs[order.status] ?? order.status}. ${where} Artículos: ${items}.`;
}

/**
 * The `order_status` intent: asks for the order number, looks it up (unknown numbers are limited per
 * conversation), asks an unverified user for the order's e-mail, and shows the order through `get_order_details`,
 * whose `authorize` hook ({@link OrderOwnership}) checks the proof — the same check `create_return` runs. The
 * default `ownership` counts failed attempts in memory; the demo bot passes one backed by a file.
 */
export function createOrderStatusSkill(
  orders: readonly AcmeOrder[],
  ownership: OrderOwnership = createOrderOwnership({ orders, store: createMemoryAttemptStore() }),
): SkillDefinition {
  return defineSkill({
    name: 'order-status',
    intents: { order_status: { examples: acmeExamples.order_status, title: 'Track an order', knowledge: true } },
    entities: { order_id: orderIdEntity, email: emailEntity },
    flows: {
      order_status: {
        description: 'checking an order',
        slots: {
          order_id: { ...orderIdSlot, prompt: "What's your order number? It has 5 digits, like 12345." },
          email: ownership.emailSlot(
            (state) => `I found order ${state.slots.order_id}. To protect your privacy, what's the e-mail address on the order?`,
          ),
        },
        steps: [
          { collect: 'order_id' },
          { call: 'get_order_status' },
          {
            when: (s) => s.results.get_order_status?.found === false,
            respond: (s) => `I couldn't find an order with the number ${s.slots.order_id}. Please check the number in your confirmation e-mail.`,
          },
          { when: (s) => s.results.get_order_status?.found === true && !s.user.verified, collect: 'email' },
          { when: (s) => s.results.get_order_status?.found === true, call: 'get_order_details' },
          {
            when: (s) => current(s.results.get_order_details, s.slots.order_id) !== undefined,
            respond: (s) => describeOrder(current(s.results.get_order_details, s.slots.order_id)!),
          },
        ],
      },
    },
    locales: {
      es: {
        intents: { order_status: { examples: acmeExamplesEs.order_status, title: 'Seguir un pedido' } },
        flows: {
          order_status: {
            description: 'consultar un pedido',
            slots: {
              order_id: { ...orderIdSlotEs, prompt: '¿Cuál es tu número de pedido? Tiene 5 cifras, como 12345.' },
              email: {
                ...emailSlotEs,
                prompt: (state) => `He encontrado el pedido ${state.slots.order_id}. Para proteger tu privacidad, ¿cuál es el correo electrónico del pedido?`,
              },
            },
            steps: [
              null,
              null,
              { respond: (s) => `No he encontrado ningún pedido con el número ${s.slots.order_id}. Revisa el número en tu correo de confirmación.` },
              null,
              null,
              { respond: (s) => describeOrderEs(current(s.results.get_order_details, s.slots.order_id)!) },
            ],
          },
        },
        commands: { get_order_status: { description: 'buscar un pedido' }, get_order_details: { description: 'mostrar los detalles de un pedido' } },
      },
    },
    commands: {
      get_order_status: defineCommand({
        description: 'look up an order',
        parameters: z.object({ order_id: z.string().regex(/^\d{5}$/).meta({ grounded: 'order_id' }) }),
        authorize: (args, ctx) => ownership.authorizeLookup(args, ctx),
        async execute({ order_id }, ctx): Promise<OrderLookup> {
          return ownership.lookup(order_id, ctx);
        },
      }),
      get_order_details: defineCommand({
        description: "show an order's details",
        parameters: z.object({ order_id: z.string().regex(/^\d{5}$/).meta({ grounded: 'order_id' }), email: orderEmailParameter }),
        authorize: (args, ctx) => ownership.authorize(args, ctx),
        async execute({ order_id }): Promise<AcmeOrder | null> {
          return ownership.find(order_id) ?? null;
        },
      }),
    },
  });
}
