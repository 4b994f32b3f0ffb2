import { stripEntityMarkup } from '../engine/entities/annotated-example.ts';
import type { EntityDefinition } from '../engine/nlu/entity.ts';
import type { TrainingExample } from '../engine/nlu/intent-classifier.ts';
import type { CommandDefinition } from '../skills/command-definition.ts';
import type { FlowDefinition } from '../skills/flow-definition.ts';
import type { IntentDefinition } from '../skills/intent-definition.ts';
import type { SkillDefinition } from '../skills/skill-definition.ts';
import { checkSkills } from './check-skills.ts';
import { ConfigError } from './contracts/errors/config-error.ts';

/** All skills of a bot, merged and cross-checked. */
export interface SkillRegistry {
  readonly intents: ReadonlyMap<string, IntentDefinition>;
  readonly flows: ReadonlyMap<string, FlowDefinition>;
  readonly commands: ReadonlyMap<string, CommandDefinition>;
  readonly entities: Readonly<Record<string, EntityDefinition>>;
  /** The flow an intent starts, if any. */
  flowForIntent(intent: string): string | undefined;
  /** Every intent example, for training the classifier (entity markup such as `[Paris](city)` removed). */
  examples(): TrainingExample[];
  /** A short label for an intent: its title, or its name in words. */
  title(intent: string): string;
}

function claim<T>(map: Map<string, T>, kind: string, name: string, value: T, skill: string): void {
  if (map.has(name)) throw new ConfigError(`skills.${skill}.${kind}.${name}`, `a ${kind} name not used by another skill`, name);
  map.set(name, value);
}

/**
 * Merges skills. Throws a `ConfigError` naming the skill, the definition and the fix for the first problem
 * {@link checkSkills} finds (duplicate names, unknown commands or entities, command parameters no slot fills),
 * and for an intent that leads nowhere.
 */
export function createSkillRegistry(skills: readonly SkillDefinition[]): SkillRegistry {
  const problems = checkSkills(skills);
  const first = problems[0];
  if (first) {
    const more = problems.length > 1 ? `; ${problems.length - 1} more: ${problems.slice(1).map((p) => `skills.${p.skill}.${p.path}: ${p.problem}`).join('; ')}` : '';
    throw new ConfigError(`skills.${first.skill}.${first.path}`, `${first.fix} (${first.problem})${more}`);
  }
  const intents = new Map<string, IntentDefinition>();
  const flows = new Map<string, FlowDefinition>();
  const commands = new Map<string, CommandDefinition>();
  const entities: Record<string, EntityDefinition> = {};
  for (const skill of skills) {
    for (const [name, intent] of Object.entries(skill.intents ?? {})) {
      claim(intents, 'intents', name, intent, skill.name);
      if (intent.response !== undefined && !skill.flows?.[name]) {
        const response = intent.response;
        claim(flows, 'flows', name, { description: intent.title ?? name, steps: [{ respond: response }] }, skill.name);
      }
    }
    for (const [name, flow] of Object.entries(skill.flows ?? {})) claim(flows, 'flows', name, flow, skill.name);
    for (const [name, command] of Object.entries(skill.commands ?? {})) claim(commands, 'commands', name, command, skill.name);
    Object.assign(entities, skill.entities ?? {});
  }
  for (const [flowName, flow] of flows) {
    for (const step of flow.steps) {
      if ('call' in step && !commands.has(step.call)) {
        throw new ConfigError(`flows.${flowName}`, `a call step naming a declared command`, step.call);
      }
    }
  }
  const flowForIntent = (intent: string): string | undefined => {
    const definition = intents.get(intent);
    const name = definition?.flow ?? intent;
    return flows.has(name) ? name : undefined;
  };
  for (const [name, intent] of intents) {
    if (!intent.action && !flowForIntent(name)) {
      throw new ConfigError(`intents.${name}`, `an intent with a flow, a response or an action (intent "${name}" starts no flow: declare a flow "${name}", set flow, response or action)`);
    }
  }
  return {
    intents,
    flows,
    commands,
    entities,
    flowForIntent,
    examples: () => [...intents].flatMap(([intent, d]) => d.examples.map((text) => ({ text: stripEntityMarkup(text), intent }))),
    title: (intent) => intents.get(intent)?.title ?? intent.replaceAll('_', ' '),
  };
}
