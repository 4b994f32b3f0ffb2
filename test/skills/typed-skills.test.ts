import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../skills/command-definition.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import type { FlowState } from '../../skills/flow-state.ts';

describe('typed skills', () => {
  it('types slots from schemas and entities, and results from commands; wrong names fail to compile and to load', () => {
    const define = () =>
      defineSkill({
        name: 'typed',
        intents: { book: { examples: ['book'] } },
        entities: {
          size: { kind: 'lookup', values: { small: [], large: ['big'] } },
          people: { kind: 'number' },
        },
        flows: {
          book: {
            description: 'booking',
            slots: {
              people: { entity: 'people', prompt: 'How many?', schema: z.number().int() },
              size: { entity: 'size', prompt: 'Size?' },
              extras: { entity: 'size', list: true, prompt: 'Extras?' },
              // Functions inside a slot annotate their parameter, so that the slots can be read before the steps are typed.
              name: {
                prompt: (s: FlowState) => `Name for ${String(s.slots.people)}?`,
                validate: (v: unknown) => (v === 'x' ? 'no' : undefined),
              },
            },
            steps: [
              { collect: 'people' },
              { collect: 'size' },
              { collect: 'name', when: (s) => s.slots.people !== 2 },
              {
                confirm: (s) => {
                  expectTypeOf(s.slots.people).toEqualTypeOf<number | undefined>();
                  expectTypeOf(s.slots.size).toEqualTypeOf<'small' | 'large' | undefined>();
                  expectTypeOf(s.slots.extras).toEqualTypeOf<Array<'small' | 'large'> | undefined>();
                  expectTypeOf(s.slots.name).toEqualTypeOf<string | undefined>();
                  return 'ok?';
                },
              },
              { call: 'reserve' },
              {
                respond: (s) => {
                  expectTypeOf(s.results.reserve).toEqualTypeOf<{ ref: string } | undefined>();
                  return `Booked ${s.results.reserve?.ref}`;
                },
              },
              // @ts-expect-error a slot the flow does not declare
              { collect: 'nmae' },
              // @ts-expect-error a command the skill does not declare
              { call: 'reserv' },
            ],
          },
        },
        commands: {
          reserve: defineCommand({
            description: 'reserve',
            parameters: z.object({ people: z.number() }),
            async execute({ people }) {
              expectTypeOf(people).toEqualTypeOf<number>();
              return { ref: 'R1' };
            },
          }),
        },
      });
    expect(define).toThrow('slot "nmae" is not declared in slots');
  });
});
