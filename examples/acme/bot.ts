import { join } from 'node:path';
import { builtinSkills } from '../../skills/builtin/builtin-skills.ts';
import { defineBot } from '../../skills/define-bot.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { acmeExamples } from './acme-examples.ts';
import { acmeExamplesEs } from './acme-examples-es.ts';
import { loadAcmeData } from './acme-data.ts';
import { createOrderOwnership } from './order-ownership.ts';
import { createOrderStatusSkill } from './order-status-skill.ts';
import { createPolicySkill } from './policy-skill.ts';
import { createRedisAttemptStore } from './redis-attempt-store.ts';
import { createRedisReturnsLedger } from './redis-returns-ledger.ts';
import { createReturnItemSkill } from './return-item-skill.ts';
import { createReturnsLedger } from './returns-ledger.ts';
import { createShippingSkill } from './shipping-skill.ts';
import { createSqliteAttemptStore } from './sqlite-attempt-store.ts';
import { spanishKnowledgeQuery } from './spanish-knowledge-query.ts';
import { createStoreSkill } from './store-skill.ts';

/** The Acme store assistant, the demo `npm start` serves. */
export const bot = defineBot({
  name: 'Acme store assistant',
  description: 'Order status, returns, store hours and locations, shipping, and a person when you need one.',
  async setup({ botDir, dataDir, redisUrl }) {
    const data = await loadAcmeData(botDir);
    // Several nodes share Redis: the ledger and the attempt counts live there. One node: SQLite next to where the
    // demo used to keep its JSON-lines ledger; returns stored there are imported (with their ids) when the database
    // is created.
    const ledger = redisUrl
      ? createRedisReturnsLedger(redisUrl)
      : createReturnsLedger(join(dataDir, 'acme-returns.db'), { importJsonl: join(dataDir, 'acme-returns.jsonl') });
    // One proof of ownership for both flows, its failed attempts kept so that a lock outlives a restart.
    const attempts = redisUrl ? createRedisAttemptStore(redisUrl) : createSqliteAttemptStore(join(dataDir, 'acme-attempts.db'));
    const ownership = createOrderOwnership({ orders: data.orders, store: attempts });
    return {
      // Spanish everywhere; the help articles stay English: a Spanish question is searched through a glossary and
      // its passage quoted after a Spanish lead sentence.
      locales: {
        supported: ['en', 'es'],
        knowledge: { es: { lead: 'Esto es lo que dicen nuestras condiciones (en inglés):', query: spanishKnowledgeQuery } },
      },
      skills: [
        ...builtinSkills({
          greeting: "Hi! I'm the Acme store assistant. I can track orders, start returns, and tell you about our stores and shipping.",
          locales: { es: { greeting: '¡Hola! Soy el asistente de la tienda Acme. Puedo seguir pedidos, abrir devoluciones e informarte sobre nuestras tiendas y envíos.' } },
        }),
        createOrderStatusSkill(data.orders, ownership),
        createReturnItemSkill(data.orders, ledger, ownership),
        createStoreSkill(data.stores),
        createShippingSkill(data.shipping),
        createPolicySkill(),
        defineSkill({
          name: 'human',
          intents: { human_agent: { examples: acmeExamples.human_agent, title: 'Talk to a person', action: 'handoff' } },
          locales: { es: { intents: { human_agent: { examples: acmeExamplesEs.human_agent, title: 'Hablar con una persona' } } } },
        }),
      ],
    };
  },
});
