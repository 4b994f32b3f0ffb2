import type { EntityDefinition } from '../../engine/nlu/entity.ts';
import { z } from 'zod';

/** Order numbers: exactly five digits, typed ("45210", "45 210") or spoken ("four five two one zero", "cuatro cinco dos uno cero"). */
export const orderIdEntity: EntityDefinition = { kind: 'digits', length: { min: 5, max: 5 } };

/** E-mail addresses. */
export const emailEntity: EntityDefinition = { kind: 'regex', pattern: /[^\s@<>()"']+@[^\s@<>()"']+\.[a-z]{2,}/i };

/** The order_id slot shared by the order and return flows. */
export const orderIdSlot = {
  entity: 'order_id',
  label: 'order number',
  schema: z.string().regex(/^\d{5}$/),
  invalidMessage: 'Order numbers have exactly 5 digits, like 12345.',
  help: 'Your order number has 5 digits; you can find it in your order confirmation e-mail.',
};

/** The order_id slot's words in Spanish. */
export const orderIdSlotEs = {
  label: 'número de pedido',
  invalidMessage: 'Los números de pedido tienen exactamente 5 cifras, como 12345.',
  help: 'Tu número de pedido tiene 5 cifras; lo encontrarás en el correo de confirmación del pedido.',
};

/** The e-mail slot's words in Spanish (see `OrderOwnership.emailSlot`). */
export const emailSlotEs = {
  label: 'correo electrónico',
  invalidMessage: 'Eso no parece una dirección de correo electrónico.',
};
