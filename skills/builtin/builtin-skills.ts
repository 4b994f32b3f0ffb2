import type { IntentDefinition } from '../intent-definition.ts';
import type { SkillDefinition } from '../skill-definition.ts';
import { defineSkill } from '../define-skill.ts';
import { builtinExamples } from './builtin-examples.ts';

/** The names of the built-in intents. */
export type BuiltinIntentName = 'greet' | 'goodbye' | 'thanks' | 'help' | 'cancel';

/**
 * Changes to one built-in intent. `examples` replaces the examples, or, as a function, gets the defaults and
 * returns the ones to use (to add or drop a few); the other fields replace the default's.
 */
export interface BuiltinIntentOverride extends Partial<Omit<IntentDefinition, 'examples'>> {
  examples?: readonly string[] | ((defaults: readonly string[]) => readonly string[]);
}

/** Options of {@link builtinSkills}. */
export interface BuiltinSkillsOptions {
  /** Reply to a greeting. Default: "Hi! How can I help you today?" */
  greeting?: string;
  /** Reply to a goodbye. Default: "Goodbye! Have a great day." */
  goodbye?: string;
  /** Reply to thanks. Default: "You're welcome! Anything else I can help with?" */
  thanks?: string;
  /**
   * Per built-in intent: changes to it, or `false` to leave it out (a bot that declares its own `help`, say).
   * Default: every built-in intent as shipped.
   *
   * @example
   * builtinSkills({ intents: { cancel: { examples: (d) => [...d.filter((e) => !e.startsWith('actually')), 'scrap the order'] }, thanks: false } })
   */
  intents?: Partial<Record<BuiltinIntentName, BuiltinIntentOverride | false>>;
}

/** The defaults of {@link BuiltinSkillsOptions}. */
export const defaultBuiltinSkillsOptions: Required<Omit<BuiltinSkillsOptions, 'intents'>> = {
  greeting: 'Hi! How can I help you today?',
  goodbye: 'Goodbye! Have a great day.',
  thanks: "You're welcome! Anything else I can help with?",
};

function overridden(name: BuiltinIntentName, base: IntentDefinition, override: BuiltinIntentOverride | undefined): IntentDefinition {
  if (!override) return base;
  const { examples, ...rest } = override;
  const chosen = typeof examples === 'function' ? examples(base.examples) : (examples ?? base.examples);
  if (chosen.length === 0) throw new TypeError(`builtinSkills: intents.${name}.examples leaves no example; pass false to drop the intent`);
  return { ...base, ...rest, examples: chosen };
}

/**
 * The built-in intents every bot wants: greet, goodbye, thanks (one-line answers), help (general, or the
 * active flow's help inside a form) and cancel (stops the active flow, also while a free-text slot is
 * asked). Each can be changed or left out on its own with `intents`. When nothing matches, the dialogue's
 * fallback answers with suggestions.
 */
export function builtinSkills(options: BuiltinSkillsOptions = {}): SkillDefinition[] {
  const o = { ...defaultBuiltinSkillsOptions, ...options };
  const defaults: Record<BuiltinIntentName, IntentDefinition> = {
    greet: { examples: builtinExamples.greet, title: 'Say hello', response: o.greeting, suggest: false },
    goodbye: { examples: builtinExamples.goodbye, title: 'Say goodbye', response: o.goodbye, suggest: false },
    thanks: { examples: builtinExamples.thanks, title: 'Say thanks', response: o.thanks, suggest: false },
    help: { examples: builtinExamples.help, title: 'Help', action: 'help', suggest: false },
    cancel: { examples: builtinExamples.cancel, title: 'Cancel', action: 'cancel', suggest: false },
  };
  const intents: Record<string, IntentDefinition> = {};
  for (const [name, base] of Object.entries(defaults) as Array<[BuiltinIntentName, IntentDefinition]>) {
    const override = options.intents?.[name];
    if (override === false) continue;
    intents[name] = overridden(name, base, override);
  }
  return [defineSkill({ name: 'builtin', description: 'Greetings, help and cancel', intents })];
}
