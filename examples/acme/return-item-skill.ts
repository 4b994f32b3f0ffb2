import { z } from 'zod';
import { type CommandRecovery, defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import type { SkillDefinition } from '../../skills/skill-definition.ts';
import { acmeExamples } from './acme-examples.ts';
import { acmeExamplesEs } from './acme-examples-es.ts';
import { emailEntity, emailSlotEs, orderIdEntity, orderIdSlot, orderIdSlotEs } from './order-entities.ts';
import { createMemoryAttemptStore } from '../../skills/memory-attempt-store.ts';
import type { AcmeOrder } from './acme-data.ts';
import { createOrderOwnership, type OrderOwnership, orderEmailParameter } from './order-ownership.ts';
import type { ReturnRecord, ReturnsLedger } from './returns-ledger.ts';

type Created = { created: true; return: ReturnRecord } | { created: false; order_id: string };

/**
 * The `return_item` intent: order number, reason, confirmation, the order's e-mail from an unverified user, then
 * `create_return`. Its `authorize` hook is the order status check ({@link OrderOwnership}), so a return opens only
 * for the order's owner; it opens the return in `ledger` exactly once per call (keyed by the call's idempotency
 * key) and can recover a call whose process died after the return was opened. Pass the `ownership` the order
 * status skill uses, so both count failed proofs together; the default counts them in memory.
 */
export function createReturnItemSkill(
  orders: readonly AcmeOrder[],
  ledger: ReturnsLedger,
  ownership: OrderOwnership = createOrderOwnership({ orders, store: createMemoryAttemptStore() }),
): SkillDefinition {
  return defineSkill({
    name: 'return-item',
    intents: { return_item: { examples: acmeExamples.return_item, title: 'Return an item', knowledge: true } },
    entities: { order_id: orderIdEntity, email: emailEntity },
    flows: {
      return_item: {
        description: 'opening a return',
        help: 'To open a return I need the order number and why you are returning the item; then I will ask you to confirm, and for the e-mail address on the order.',
        slots: {
          order_id: { ...orderIdSlot, prompt: 'Which order is the return for? Please give me the 5-digit order number.' },
          reason: {
            label: 'reason',
            prompt: 'Why are you returning it?',
            schema: z.string().min(2).max(500),
            invalidMessage: 'Please tell me in a few words why you are returning it.',
            // "yes", "ok" or "no" answers the question before, not this one.
            validate: (value) =>
              /^\s*(yes|yeah|yep|no|nope|ok|okay|sure|fine|y|n)\W*$/i.test(String(value))
                ? 'Please tell me in a few words why you are returning it.'
                : undefined,
          },
          email: ownership.emailSlot(
            (state) => `To make sure order ${state.slots.order_id} is yours, what's the e-mail address on the order?`,
          ),
        },
        steps: [
          { collect: 'order_id' },
          { collect: 'reason' },
          {
            confirm: (s) => `To confirm: open a return for order ${s.slots.order_id} because "${s.slots.reason}". Shall I go ahead?`,
            declined: "Okay, I haven't opened a return.",
          },
          // The proof is asked after the confirmation so that the confirmation stays tied to create_return.
          { when: (s) => !s.user.verified, collect: 'email' },
          { call: 'create_return' },
          {
            respond: (s) => {
              const result = s.results.create_return;
              if (result?.created !== true) return `I couldn't find order ${s.slots.order_id}, so I didn't open a return. Please check the number.`;
              return `Done! Return ${result.return.return_id} for order ${result.return.order_id} is open. You'll get a prepaid return label by e-mail within one hour; refunds reach your original payment method 5 to 7 business days after the parcel arrives at our warehouse.`;
            },
          },
        ],
      },
    },
    locales: {
      es: {
        intents: { return_item: { examples: acmeExamplesEs.return_item, title: 'Devolver un artículo' } },
        flows: {
          return_item: {
            description: 'abrir una devolución',
            help: 'Para abrir una devolución necesito el número de pedido y el motivo; después te pediré que lo confirmes y el correo electrónico del pedido.',
            slots: {
              order_id: { ...orderIdSlotEs, prompt: '¿De qué pedido es la devolución? Dime el número de pedido de 5 cifras.' },
              reason: {
                label: 'motivo',
                prompt: '¿Por qué lo devuelves?',
                invalidMessage: 'Cuéntame en pocas palabras por qué lo devuelves.',
                validate: (value) =>
                  /^\s*(s[ií]|no|vale|ok|okay|claro|bueno|y|n)\W*$/i.test(String(value)) ? 'Cuéntame en pocas palabras por qué lo devuelves.' : undefined,
              },
              email: { ...emailSlotEs, prompt: (state) => `Para comprobar que el pedido ${state.slots.order_id} es tuyo, ¿cuál es el correo electrónico del pedido?` },
            },
            steps: [
              null,
              null,
              {
                confirm: (s) => `Para confirmar: abro una devolución del pedido ${s.slots.order_id} por el motivo «${s.slots.reason}». ¿Sigo adelante?`,
                declined: 'De acuerdo, no he abierto ninguna devolución.',
              },
              null,
              null,
              {
                respond: (s) => {
                  const result = s.results.create_return;
                  if (result?.created !== true) return `No he encontrado el pedido ${s.slots.order_id}, así que no he abierto ninguna devolución. Revisa el número.`;
                  return `¡Hecho! La devolución ${result.return.return_id} del pedido ${result.return.order_id} está abierta. Recibirás una etiqueta de devolución prepagada por correo en menos de una hora; el reembolso llega a tu método de pago original de 5 a 7 días hábiles después de que el paquete llegue a nuestro almacén.`;
                },
              },
            ],
          },
        },
        commands: { create_return: { description: 'abrir una devolución' } },
      },
    },
    commands: {
      create_return: defineCommand({
        description: 'open a return',
        sideEffects: true,
        parameters: z.object({
          order_id: z.string().regex(/^\d{5}$/).meta({ grounded: 'order_id' }),
          reason: z.string().min(1).max(500),
          email: orderEmailParameter,
        }),
        // Same proof as the order status: a verified owner, or the order's e-mail. Unknown orders are refused here too.
        authorize: (args, ctx) => ownership.authorize(args, ctx),
        async execute({ order_id, reason }, ctx): Promise<Created> {
          if (!ownership.find(order_id)) return { created: false, order_id };
          // The call's idempotency key makes a repeated call return the return it already opened.
          return { created: true, return: await ledger.add(order_id, reason, ctx.idempotencyKey) };
        },
        // After a crash between opening the return and recording the result: the ledger knows the key when the
        // return was opened. Not found means nothing was done (or the order was unknown), so the call runs again.
        async recover(_args, ctx): Promise<CommandRecovery> {
          const record = await ledger.findByKey(ctx.idempotencyKey);
          if (!record) return { done: false };
          const value: Created = { created: true, return: record };
          return { done: true, value };
        },
      }),
    },
  });
}
