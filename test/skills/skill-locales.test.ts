import { describe, expect, it } from 'vitest';
import { createBot } from '../../core/create-bot.ts';
import { builtinSkills } from '../../skills/builtin/builtin-skills.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { localizeSkill } from '../../skills/localize-skill.ts';
import { scriptConversation } from '../../skills/testing/conversation-script.ts';

const hours = defineSkill({
  name: 'hours',
  intents: { store_hours: { examples: ['when do you open', 'opening hours', 'what time do you close'], title: 'Opening hours', response: 'We open at 9.' } },
  entities: { city: { kind: 'lookup', values: { Boston: ['beantown'] } } },
  flows: {
    directions: {
      description: 'finding the store',
      slots: { city: { entity: 'city', prompt: 'Which city?', label: 'city' } },
      steps: [{ collect: 'city' }, { respond: (s) => `Our ${String(s.slots.city)} store is on Main Street.` }],
    },
  },
  locales: {
    es: {
      intents: { store_hours: { examples: ['¿a qué hora abren?', 'horario', '¿a qué hora cierran?'], title: 'Horario', response: 'Abrimos a las 9.' } },
      flows: {
        directions: {
          description: 'buscar la tienda',
          slots: { city: { prompt: '¿Qué ciudad?', label: 'ciudad' } },
          steps: [null, { respond: (s) => `Nuestra tienda de ${String(s.slots.city)} está en la calle Mayor.` }],
        },
      },
    },
  },
});

describe('skills in several languages', () => {
  it("reads a skill in a locale: the translation's examples and words, the base's behaviour", () => {
    const { skill, missing } = localizeSkill(hours, 'es', 'en');
    expect(missing).toEqual([]);
    expect(skill.intents?.store_hours?.examples).toContain('horario');
    expect(skill.intents?.store_hours?.response).toBe('Abrimos a las 9.');
    expect(skill.flows?.directions?.slots?.city).toMatchObject({ entity: 'city', prompt: '¿Qué ciudad?', label: 'ciudad' });
    expect(skill.flows?.directions?.steps[0]).toEqual({ collect: 'city' });
    expect(localizeSkill(hours, 'en', 'en').skill.intents?.store_hours?.response).toBe('We open at 9.');
  });

  it('names every missing translation, and refuses to start a bot without them', async () => {
    const untranslated = defineSkill({
      name: 'orders',
      intents: { track: { examples: ['where is my order'], title: 'Track an order', response: 'It is on its way.' } },
    });
    expect(localizeSkill(untranslated, 'es', 'en').missing).toEqual([
      'skills.orders.locales.es.intents.track.title',
      'skills.orders.locales.es.intents.track.response',
      'skills.orders.locales.es.intents.track.examples',
    ]);
    await expect(createBot({ skills: [...builtinSkills(), hours, untranslated], locales: { supported: ['en', 'es'] } })).rejects.toThrow(
      /skills\.orders\.locales\.es\.intents\.track\.title.*also missing: skills\.orders\.locales\.es\.intents\.track\.response/,
    );
  });

  it('says a step translation list of the wrong length is missing', () => {
    const wrong = { ...hours, locales: { es: { ...hours.locales!.es!, flows: { directions: { ...hours.locales!.es!.flows!.directions!, steps: [null] } } } } };
    expect(localizeSkill(wrong, 'es', 'en').missing[0]).toMatch(/flows\.directions\.steps \(1 entries for 2 steps/);
  });

  it('translates a branch step as one entry holding its then and else steps, typed like the flow', () => {
    const delivery = defineSkill({
      name: 'delivery',
      intents: { deliver: { examples: ['deliver it'], title: 'Delivery' } },
      entities: { zone: { kind: 'lookup', values: { city: [], country: [] } } },
      flows: {
        deliver: {
          description: 'a delivery',
          slots: { zone: { entity: 'zone', prompt: 'Where?' } },
          steps: [
            { collect: 'zone' },
            {
              if: (s) => s.slots.zone === 'city',
              // biome-ignore lint/suspicious/noThenProperty: a branch's `then` is a list of steps, not a function
              then: [{ confirm: (s) => `Bike to the ${s.slots.zone}?` }, { respond: 'On its way by bike.' }],
              else: [{ respond: 'By post.' }],
            },
          ],
        },
      },
      locales: {
        es: {
          intents: { deliver: { examples: ['envíalo'], title: 'Envío' } },
          flows: {
            deliver: {
              description: 'un envío',
              slots: { zone: { prompt: '¿Dónde?' } },
              steps: [
                null,
                // biome-ignore lint/suspicious/noThenProperty: a branch's `then` is a list of step translations, not a function
                { then: [{ confirm: (s) => `¿En bici a la ${s.slots.zone}?` }, { respond: 'Va en bici.' }], else: [{ respond: 'Por correo.' }] },
              ],
            },
          },
        },
      },
    });
    const { skill, missing } = localizeSkill(delivery, 'es', 'en');
    expect(missing).toEqual([]);
    const steps = skill.flows?.deliver?.steps ?? [];
    expect(steps.map((step) => ('respond' in step ? step.respond : 'confirm' in step ? step.confirm({ slots: { zone: 'city' } } as never) : null))).toEqual([
      null,
      '¿En bici a la city?',
      'Va en bici.',
      'Por correo.',
    ]);
  });

  it('falls back to the default locale word by word when configured so', async () => {
    const untranslated = defineSkill({ name: 'orders', intents: { track: { examples: ['where is my order'], response: 'It is on its way.' } } });
    const bot = await createBot({ skills: [...builtinSkills(), hours, untranslated], locales: { supported: ['en', 'es'], missingTranslations: 'fallback' } });
    await scriptConversation(bot, { locale: 'es' }).user('horario').expectReply(/^Abrimos a las 9\.$/).user('hola').expectReply(/^¡Hola!/).run();
    expect(bot.languages.get('es')?.registry.intents.get('track')?.response).toBe('It is on its way.');
    await bot.close();
  }, 60_000);

  it('rejects a translation of something the skill does not have', () => {
    expect(() => defineSkill({ name: 'x', intents: { a: { examples: ['a'], response: 'a' } }, locales: { es: { intents: { b: { examples: ['b'] } } } } })).toThrow(
      /locales\.es: intent "b" is not one of the skill's intents/,
    );
  });

  it('rejects locales that are not language subtags, and a default that is not supported', async () => {
    await expect(createBot({ skills: builtinSkills(), locales: { supported: ['english'] } })).rejects.toThrow(/locales\.supported/);
    await expect(createBot({ skills: builtinSkills(), locales: { supported: ['en'], default: 'es' } })).rejects.toThrow(/locales\.default/);
  });

  it('ships the built-ins and the dialogue words in Spanish; a bot of one language is unchanged', async () => {
    const bot = await createBot({ skills: [...builtinSkills(), hours], locales: { supported: ['en', 'es'] } });
    await scriptConversation(bot, { locale: 'es' })
      .user('muchas gracias')
      .expectReply(/^¡De nada!/)
      .user('cancelar')
      .expectReply(/^No hay nada que cancelar/)
      .run();
    await bot.close();
    const english = await createBot({ skills: [...builtinSkills(), hours] });
    expect(english.locales.supported).toEqual(['en']);
    await scriptConversation(english, { locale: 'es' }).user('opening hours').expectReply(/^We open at 9\.$/).run();
    await english.close();
  }, 60_000);
});
