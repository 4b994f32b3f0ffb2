import type { SkillDefinition } from '../skill-definition.ts';
import { defineSkill } from '../define-skill.ts';
import { builtinExamples } from './builtin-examples.ts';

/** Options of {@link builtinSkills}. */
export interface BuiltinSkillsOptions {
  /** Reply to a greeting. Default: "Hi! How can I help you today?" */
  greeting?: string;
  /** Reply to a goodbye. Default: "Goodbye! Have a great day." */
  goodbye?: string;
  /** Reply to thanks. Default: "You're welcome! Anything else I can help with?" */
  thanks?: string;
}

/** The defaults of {@link BuiltinSkillsOptions}. */
export const defaultBuiltinSkillsOptions: Required<BuiltinSkillsOptions> = {
  greeting: 'Hi! How can I help you today?',
  goodbye: 'Goodbye! Have a great day.',
  thanks: "You're welcome! Anything else I can help with?",
};

/**
 * The built-in intents every bot wants: greet, goodbye, thanks (one-line answers), help (general, or the
 * active flow's help inside a form) and cancel (stops the active flow, also while a free-text slot is
 * asked). When nothing matches, the dialogue's fallback answers with suggestions.
 */
export function builtinSkills(options: BuiltinSkillsOptions = {}): SkillDefinition[] {
  const o = { ...defaultBuiltinSkillsOptions, ...options };
  return [
    defineSkill({
      name: 'builtin',
      description: 'Greetings, help and cancel',
      intents: {
        greet: { examples: builtinExamples.greet, title: 'Say hello', response: o.greeting, suggest: false },
        goodbye: { examples: builtinExamples.goodbye, title: 'Say goodbye', response: o.goodbye, suggest: false },
        thanks: { examples: builtinExamples.thanks, title: 'Say thanks', response: o.thanks, suggest: false },
        help: { examples: builtinExamples.help, title: 'Help', action: 'help', suggest: false },
        cancel: { examples: builtinExamples.cancel, title: 'Cancel', action: 'cancel', suggest: false },
      },
    }),
  ];
}
