import type { SkillDefinition } from './skill-definition.ts';

/**
 * Declares a skill. Checks at once that every flow step names a declared slot or command, and that every
 * intent leads somewhere, so mistakes show at start-up rather than mid-conversation.
 *
 * @example
 * defineSkill({
 *   name: 'hours',
 *   intents: { store_hours: { examples: ['when do you open', 'opening hours'], response: 'We open at 9.' } },
 * });
 */
export function defineSkill(skill: SkillDefinition): SkillDefinition {
  if (!/^[a-z][a-z0-9_-]*$/i.test(skill.name)) {
    throw new TypeError(`skill name "${skill.name}" must start with a letter and use letters, digits, _ or -`);
  }
  for (const [flowName, flow] of Object.entries(skill.flows ?? {})) {
    for (const [index, step] of flow.steps.entries()) {
      if ('collect' in step && !flow.slots?.[step.collect]) {
        throw new TypeError(`skill "${skill.name}", flow "${flowName}", step ${index}: slot "${step.collect}" is not declared in slots`);
      }
    }
  }
  for (const [intent, definition] of Object.entries(skill.intents ?? {})) {
    if (definition.examples.length === 0) {
      throw new TypeError(`skill "${skill.name}", intent "${intent}": needs at least one example`);
    }
  }
  return skill;
}
