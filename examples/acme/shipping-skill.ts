import { defineSkill } from '../../skills/define-skill.ts';
import type { SkillDefinition } from '../../skills/skill-definition.ts';
import { acmeExamples } from './acme-examples.ts';
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
  });
}
