import { defineSkill } from '../../skills/define-skill.ts';
import type { SkillDefinition } from '../../skills/skill-definition.ts';
import { acmeExamples } from './acme-examples.ts';
import { acmeExamplesEs } from './acme-examples-es.ts';
import type { AcmeShipping } from './acme-data.ts';

const money = (n: number) => `$${n.toFixed(2)}`;

/** The shipping summary the `shipping_info` intent answers with, from the shipping file. */
export function describeShipping(shipping: AcmeShipping): string {
  const options = shipping.domestic.options.map((o) => `${o.name} ${money(o.price)} (${o.delivery_time})`).join('; ');
  const intl = shipping.international;
  return (
    `We ship within the United States: ${options}. Standard shipping is free on orders over ` +
    `${money(shipping.domestic.free_shipping_threshold)}. ${shipping.acme_plus.rule} ` +
    `International delivery to ${intl.countries.join(', ')} takes ${intl.delivery_time} and costs a flat ` +
    `${money(intl.price)}; orders over ${money(intl.free_over)} ship free.`
  );
}

/** {@link describeShipping} in Spanish; option names, delivery times and Acme Plus's rule are quoted from the file. */
export function describeShippingEs(shipping: AcmeShipping): string {
  const options = shipping.domestic.options.map((o) => `${o.name} ${money(o.price)} (${o.delivery_time})`).join('; ');
  const intl = shipping.international;
  return (
    `Enviamos dentro de Estados Unidos: ${options}. El envío estándar es gratis en pedidos de más de ` +
    `${money(shipping.domestic.free_shipping_threshold)}. Acme Plus: ${shipping.acme_plus.rule} ` +
    `La entrega internacional a ${intl.countries.join(', ')} tarda ${intl.delivery_time} y cuesta una tarifa fija de ` +
    `${money(intl.price)}; los pedidos de más de ${money(intl.free_over)} se envían gratis.`
  );
}

/** The `shipping_info` intent. */
export function createShippingSkill(shipping: AcmeShipping): SkillDefinition {
  return defineSkill({
    name: 'shipping',
    intents: {
      shipping_info: {
        examples: acmeExamples.shipping_info,
        title: 'Shipping options',
        response: describeShipping(shipping),
        knowledge: true,
      },
    },
    locales: {
      es: { intents: { shipping_info: { examples: acmeExamplesEs.shipping_info, title: 'Opciones de envío', response: describeShippingEs(shipping) } } },
    },
  });
}
