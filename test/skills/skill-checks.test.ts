import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSkillRegistry } from '../../core/skill-registry.ts';
import { builtinSkills } from '../../skills/builtin/builtin-skills.ts';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import type { SkillDefinition } from '../../skills/skill-definition.ts';

const order = (change: (skill: SkillDefinition) => SkillDefinition = (s) => s): SkillDefinition =>
  change(
    defineSkill({
      name: 'pizza',
      intents: { order_pizza: { examples: ['a pizza please'] } },
      entities: { size: { kind: 'lookup', values: { small: [], large: [] } } },
      flows: {
        order_pizza: {
          description: 'ordering a pizza',
          slots: { size: { entity: 'size', prompt: 'What size?' }, address: { prompt: 'Where to?' } },
          steps: [{ collect: 'size' }, { collect: 'address' }, { call: 'place_order' }],
        },
      },
      commands: {
        place_order: defineCommand({
          description: 'place the order',
          parameters: z.object({ size: z.string(), address: z.string(), note: z.string().optional() }),
          execute: async () => ({ ok: true }),
        }),
      },
    }),
  );

const loadError = (skills: SkillDefinition[]) => {
  try {
    createSkillRegistry(skills);
  } catch (error) {
    return (error as Error).message;
  }
  return 'loaded';
};

describe('checks at load', () => {
  it('loads a correct skill (an optional parameter needs no slot)', () => {
    expect(loadError([order()])).toBe('loaded');
  });

  it('names the skill, flow, command and fix for a parameter no slot fills', () => {
    const skill = order((s) => ({ ...s, flows: { order_pizza: { ...s.flows!.order_pizza!, slots: { size: s.flows!.order_pizza!.slots!.size! }, steps: [{ collect: 'size' }, { call: 'place_order' }] } } }));
    const message = loadError([skill]);
    expect(message).toContain('skills.pizza.flows.order_pizza.steps[1]');
    expect(message).toContain('command "place_order" needs parameter "address"');
    expect(message).toContain('args on the call step');
  });

  it('names a declared slot no step collects before the call', () => {
    const skill = order((s) => ({ ...s, flows: { order_pizza: { ...s.flows!.order_pizza!, steps: [{ collect: 'size' }, { call: 'place_order' }] } } }));
    expect(loadError([skill])).toContain(`a step { collect: 'address' } before the call`);
  });

  it('names an unknown entity', () => {
    const skill = order((s) => ({ ...s, entities: { sise: { kind: 'lookup', values: { small: [] } } } }));
    const message = loadError([skill]);
    expect(message).toContain('skills.pizza.flows.order_pizza.slots.size.entity');
    expect(message).toContain('entity "size" is not declared');
  });

  it('names both skills of a duplicate name, and how to drop a built-in one', () => {
    const mine = defineSkill({ name: 'shop', intents: { help: { examples: ['help me'], response: 'Ask me about pizza.' } } });
    const message = loadError([...builtinSkills(), mine]);
    expect(message).toContain('intent "help" is declared by skills "builtin" and "shop"');
    expect(message).toContain('builtinSkills({ intents: { help: false } })');
    expect(loadError([...builtinSkills({ intents: { help: false } }), mine])).toBe('loaded');
  });

  it('names a call of an undeclared command', () => {
    const skill = order((s) => ({ ...s, commands: {} }));
    expect(loadError([skill])).toContain('the step calls command "place_order", which no skill declares');
  });
});
