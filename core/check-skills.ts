import type { StandardSchemaV1 } from '@standard-schema/spec';
import { hasBrokenEntityMarkup } from '../engine/entities/annotated-example.ts';
import type { CommandDefinition } from '../skills/command-definition.ts';
import type { FlowDefinition } from '../skills/flow-definition.ts';
import type { SkillDefinition } from '../skills/skill-definition.ts';

/** One mistake in a bot's skills, found at load: where it is and how to fix it. */
export interface SkillProblem {
  /** The skill that has the mistake. */
  skill: string;
  /** Dotted path of the offending definition: "flows.order_pizza.steps[4]", "intents.greet". */
  path: string;
  /** What is wrong. */
  problem: string;
  /** What to do about it. */
  fix: string;
}

/** The fields of an object schema that must be present, when the schema shows its fields (zod, valibot's `entries`). */
function requiredFields(parameters: StandardSchemaV1): string[] | undefined {
  const shaped = parameters as { shape?: Record<string, unknown>; entries?: Record<string, unknown> };
  const fields = shaped.shape ?? shaped.entries;
  if (!fields || typeof fields !== 'object') return undefined;
  return Object.entries(fields)
    .filter(([, field]) => {
      const standard = (field as Partial<StandardSchemaV1> | null)?.['~standard'];
      if (!standard) return true;
      const result = standard.validate(undefined);
      return result instanceof Promise || result.issues !== undefined;
    })
    .map(([name]) => name);
}

function checkFlow(skill: string, flowName: string, flow: FlowDefinition, commands: ReadonlyMap<string, CommandDefinition>, entities: ReadonlySet<string>): SkillProblem[] {
  const problems: SkillProblem[] = [];
  const at = `flows.${flowName}`;
  for (const [slotName, slot] of Object.entries(flow.slots ?? {})) {
    if (slot.entity !== undefined && !entities.has(slot.entity)) {
      problems.push({
        skill,
        path: `${at}.slots.${slotName}.entity`,
        problem: `entity "${slot.entity}" is not declared by any skill (declared: ${[...entities].join(', ')})`,
        fix: `an entity declared in a skill's entities (fix the name or declare "${slot.entity}": a lookup, a regex, a built-in kind, or { kind: 'learned' } for spans marked in examples)`,
      });
    }
  }
  const collected = new Set<string>();
  for (const [index, step] of flow.steps.entries()) {
    if ('collect' in step) collected.add(step.collect);
    if (!('call' in step) || step.args) continue;
    const command = commands.get(step.call);
    const needed = command ? requiredFields(command.parameters) : undefined;
    for (const parameter of needed ?? []) {
      if (collected.has(parameter)) continue;
      const declared = flow.slots?.[parameter] !== undefined;
      problems.push({
        skill,
        path: `${at}.steps[${index}]`,
        ...(declared
          ? {
              problem: `command "${step.call}" needs slot "${parameter}", but no step before the call collects it`,
              fix: `a step { collect: '${parameter}' } before the call`,
            }
          : {
              problem: `command "${step.call}" needs parameter "${parameter}", which is no slot of flow "${flowName}"`,
              fix: `a slot "${parameter}" with a step collecting it, or args on the call step`,
            }),
      });
    }
  }
  return problems;
}

/**
 * Checks a bot's skills together, before any conversation: names declared by two skills (both named), call
 * steps naming unknown commands, command parameters no slot or argument builder provides, slots the flow never
 * collects before a call needs them, and slots naming entities no skill declares. Returns every problem found.
 */
export function checkSkills(skills: readonly SkillDefinition[]): SkillProblem[] {
  const problems: SkillProblem[] = [];
  const owners = { intents: new Map<string, string>(), flows: new Map<string, string>(), commands: new Map<string, string>() };
  const claim = (kind: keyof typeof owners, name: string, skill: string) => {
    const other = owners[kind].get(name);
    if (other !== undefined && other !== skill) {
      const kindName = kind.slice(0, -1);
      const hint = other === 'builtin' || skill === 'builtin' ? `, or the built-in one left out with builtinSkills({ intents: { ${name}: false } })` : '';
      problems.push({ skill, path: `${kind}.${name}`, problem: `${kindName} "${name}" is declared by skills "${other}" and "${skill}"`, fix: `one skill per ${kindName} name (rename one${hint})` });
    } else owners[kind].set(name, skill);
  };
  const commands = new Map<string, CommandDefinition>();
  for (const skill of skills) {
    for (const [name, intent] of Object.entries(skill.intents ?? {})) {
      claim('intents', name, skill.name);
      if (intent.response !== undefined && !skill.flows?.[name]) claim('flows', name, skill.name);
    }
    for (const name of Object.keys(skill.flows ?? {})) claim('flows', name, skill.name);
    for (const [name, command] of Object.entries(skill.commands ?? {})) {
      claim('commands', name, skill.name);
      commands.set(name, command);
    }
  }
  const entities = new Set(['boolean', ...skills.flatMap((s) => Object.keys(s.entities ?? {}))]);
  for (const skill of skills) {
    for (const [intent, definition] of Object.entries(skill.intents ?? {})) {
      for (const [index, example] of definition.examples.entries()) {
        if (!hasBrokenEntityMarkup(example)) continue;
        problems.push({
          skill: skill.name,
          path: `intents.${intent}.examples[${index}]`,
          problem: `the entity markup of ${JSON.stringify(example)} does not parse`,
          fix: 'an example marking entities as [text](entity), e.g. "fly to [Paris](city)"',
        });
      }
    }
    for (const [flowName, flow] of Object.entries(skill.flows ?? {})) {
      for (const [index, step] of flow.steps.entries()) {
        if ('call' in step && !commands.has(step.call)) {
          problems.push({
            skill: skill.name,
            path: `flows.${flowName}.steps[${index}]`,
            problem: `the step calls command "${step.call}", which no skill declares`,
            fix: `a call step naming a declared command (fix the name or declare "${step.call}")`,
          });
        }
      }
      problems.push(...checkFlow(skill.name, flowName, flow, commands, entities));
    }
  }
  return problems;
}
