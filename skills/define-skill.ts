import type { IntentDefinition } from './intent-definition.ts';
import type { SkillDefinition } from './skill-definition.ts';
import type { SlotDefinition } from './slot-definition.ts';
import type { FlowDefinition } from './flow-definition.ts';
import { type FlowStepInput, flattenFlowSteps } from './flatten-flow-steps.ts';
import type { FlowTranslation, SkillTranslation } from './skill-translation.ts';
import type { AnyCommand, EntityDeclarations, TypedFlowState, TypedFlowStep } from './typed-flow.ts';

/** A skill's words in another language, its flow functions typed like the flows' own. */
export type TypedSkillTranslation<Entities, Commands, Flows> = Omit<SkillTranslation, 'flows'> & {
  flows?: { [F in keyof Flows]?: FlowTranslation<TypedFlowState<Flows[F], Entities, Commands>, Extract<keyof Flows[F], string>> };
};

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
  /** The skill in other languages (see {@link SkillDefinition.locales}). */
  locales?: Record<string, TypedSkillTranslation<NoInfer<Entities>, NoInfer<Commands>, NoInfer<Flows>>>;
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
  const written = skill as unknown as SkillDefinition;
  const flows = written.flows
    ? Object.fromEntries(Object.entries(written.flows).map(([name, flow]) => [name, { ...flow, steps: flattenFlowSteps(flow.steps as readonly FlowStepInput[]) }]))
    : undefined;
  const untyped: SkillDefinition = flows ? { ...written, flows } : written;
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
  checkTranslations(untyped);
  return untyped;
}

/** Throws for a translation of an intent, flow, slot or entity the skill does not have (a typo would go unnoticed). */
function checkTranslations(skill: SkillDefinition): void {
  for (const [locale, translation] of Object.entries(skill.locales ?? {})) {
    const at = `skill "${skill.name}", locales.${locale}`;
    for (const [intent, t] of Object.entries(translation.intents ?? {})) {
      if (!skill.intents?.[intent]) throw new TypeError(`${at}: intent "${intent}" is not one of the skill's intents`);
      if (t.examples.length === 0) throw new TypeError(`${at}, intent "${intent}": needs at least one example`);
    }
    for (const [flow, t] of Object.entries(translation.flows ?? {})) {
      const base = skill.flows?.[flow];
      if (!base) throw new TypeError(`${at}: flow "${flow}" is not one of the skill's flows`);
      for (const slot of Object.keys(t?.slots ?? {})) {
        if (!base.slots?.[slot]) throw new TypeError(`${at}, flow "${flow}": slot "${slot}" is not declared in the flow's slots`);
      }
    }
    for (const command of Object.keys(translation.commands ?? {})) {
      if (!skill.commands?.[command]) throw new TypeError(`${at}: command "${command}" is not one of the skill's commands`);
    }
    for (const entity of Object.keys(translation.entities ?? {})) {
      if (!skill.entities?.[entity]) throw new TypeError(`${at}: entity "${entity}" is not one of the skill's entities`);
    }
  }
}
