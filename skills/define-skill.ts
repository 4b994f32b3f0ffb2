import type { IntentDefinition } from './intent-definition.ts';
import type { SkillDefinition } from './skill-definition.ts';
import type { SlotDefinition } from './slot-definition.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { AnyCommand, EntityDeclarations, TypedFlowStep } from './typed-flow.ts';

/**
 * A skill as `defineSkill` takes it: like {@link SkillDefinition}, with each flow's steps checked against its
 * slots (`collect`) and the skill's commands (`call`), and its functions given typed slots and results.
 */
export interface TypedSkillDefinition<
  Entities extends EntityDeclarations,
  Commands extends Record<string, AnyCommand>,
  Flows extends Record<string, Record<string, SlotDefinition>>,
> {
  /** Unique name, e.g. "orders". */
  name: string;
  description?: string;
  intents?: Record<string, IntentDefinition>;
  entities?: Entities;
  // Each flow's slots are read as written; its steps are then checked against them (never read to guess them).
  flows?: {
    [F in keyof Flows]: Omit<FlowDefinition, 'slots' | 'steps'> & {
      slots?: Flows[F];
      steps: ReadonlyArray<TypedFlowStep<NoInfer<Flows>[F], NoInfer<Entities>, NoInfer<Commands>>>;
    };
  };
  commands?: Commands;
}

/**
 * Declares a skill. Types flow the whole way: `collect` accepts only the flow's slot names and `call` only the
 * skill's command names (any name when the skill declares no commands), `state.slots.x` has the type of slot
 * `x` (its schema's output, its entity's values, or a string for free text) and `state.results.cmd` the type
 * `cmd` resolves to. Checks at once that every flow step names a declared slot and every intent has an
 * example; the bot checks the rest when it loads all skills together.
 *
 * @example
 * defineSkill({
 *   name: 'hours',
 *   intents: { store_hours: { examples: ['when do you open', 'opening hours'], response: 'We open at 9.' } },
 * });
 */
export function defineSkill<
  const Entities extends EntityDeclarations = Record<never, never>,
  const Commands extends Record<string, AnyCommand> = Record<never, never>,
  const Flows extends Record<string, Record<string, SlotDefinition>> = Record<never, never>,
>(skill: TypedSkillDefinition<Entities, Commands, Flows>): SkillDefinition {
  if (!/^[a-z][a-z0-9_-]*$/i.test(skill.name)) {
    throw new TypeError(`skill name "${skill.name}" must start with a letter and use letters, digits, _ or -`);
  }
  // The typed functions take narrower states than the untyped definition promises; the dialogue fills the
  // state from the same slots and commands the types were read from.
  const untyped = skill as unknown as SkillDefinition;
  for (const [flowName, flow] of Object.entries(untyped.flows ?? {})) {
    for (const [index, step] of flow.steps.entries()) {
      if ('collect' in step && !flow.slots?.[step.collect]) {
        throw new TypeError(`skill "${skill.name}", flow "${flowName}", step ${index}: slot "${step.collect}" is not declared in slots`);
      }
    }
  }
  for (const [intent, definition] of Object.entries(untyped.intents ?? {})) {
    if (definition.examples.length === 0) {
      throw new TypeError(`skill "${skill.name}", intent "${intent}": needs at least one example`);
    }
  }
  return untyped;
}
