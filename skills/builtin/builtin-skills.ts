import type { IntentDefinition } from '../intent-definition.ts';
import type { SkillDefinition } from '../skill-definition.ts';
import { defineSkill } from '../define-skill.ts';
import type { SkillTranslation } from '../skill-translation.ts';
import { builtinExamples } from './builtin-examples.ts';
import { builtinExamplesEs } from './builtin-examples-es.ts';

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
  /**
   * The replies in other languages, by primary language subtag. Spanish ("es") ships with its own examples,
   * titles and replies ({@link builtinSpanishReplies}); set its replies here to change them, or give another
   * language's replies to translate the built-ins into it (its examples then come from `examples`).
   *
   * @example
   * builtinSkills({ greeting: "Hi! I'm Acme's assistant.", locales: { es: { greeting: '¡Hola! Soy el asistente de Acme.' } } })
   */
  locales?: Record<string, BuiltinLocaleOptions>;
}

/** The built-in replies (and, for a language parley does not ship, examples) in one other language. */
export interface BuiltinLocaleOptions {
  greeting?: string;
  goodbye?: string;
  thanks?: string;
  /** Examples per intent; required for every intent kept, in a language other than Spanish. */
  examples?: Partial<Record<BuiltinIntentName, readonly string[]>>;
}

/** The Spanish replies the built-ins ship with. */
export const builtinSpanishReplies: Required<Pick<BuiltinLocaleOptions, 'greeting' | 'goodbye' | 'thanks'>> = {
  greeting: '¡Hola! ¿En qué puedo ayudarte?',
  goodbye: '¡Adiós! Que tengas un buen día.',
  thanks: '¡De nada! ¿Puedo ayudarte en algo más?',
};

const spanishTitles: Record<BuiltinIntentName, string> = {
  greet: 'Saludar',
  goodbye: 'Despedirse',
  thanks: 'Dar las gracias',
  help: 'Ayuda',
  cancel: 'Cancelar',
};

/** The defaults of {@link BuiltinSkillsOptions}. */
export const defaultBuiltinSkillsOptions: Required<Omit<BuiltinSkillsOptions, 'intents' | 'locales'>> = {
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
    greet: { examples: builtinExamples.greet, title: 'Say hello', response: o.greeting, suggest: false, smallTalk: 'greeting' },
    goodbye: { examples: builtinExamples.goodbye, title: 'Say goodbye', response: o.goodbye, suggest: false, smallTalk: 'goodbye' },
    thanks: { examples: builtinExamples.thanks, title: 'Say thanks', response: o.thanks, suggest: false, smallTalk: 'thanks' },
    help: { examples: builtinExamples.help, title: 'Help', action: 'help', suggest: false },
    cancel: { examples: builtinExamples.cancel, title: 'Cancel', action: 'cancel', suggest: false },
  };
  const intents: Record<string, IntentDefinition> = {};
  for (const [name, base] of Object.entries(defaults) as Array<[BuiltinIntentName, IntentDefinition]>) {
    const override = options.intents?.[name];
    if (override === false) continue;
    intents[name] = overridden(name, base, override);
  }
  return [defineSkill({ name: 'builtin', description: 'Greetings, help and cancel', intents, locales: translations(intents, options.locales ?? {}) })];
}

/** The built-ins' translations: Spanish as shipped (replies overridable), and any other language given in full. */
function translations(intents: Record<string, IntentDefinition>, given: Record<string, BuiltinLocaleOptions>): Record<string, SkillTranslation> {
  const out: Record<string, SkillTranslation> = {};
  for (const locale of new Set(['es', ...Object.keys(given)])) {
    const o = locale === 'es' ? { ...builtinSpanishReplies, ...given.es } : (given[locale] ?? {});
    const shipped: Partial<Record<BuiltinIntentName, readonly string[]>> = locale === 'es' ? builtinExamplesEs : {};
    const replies: Partial<Record<BuiltinIntentName, string | undefined>> = { greet: o.greeting, goodbye: o.goodbye, thanks: o.thanks };
    const translated: SkillTranslation['intents'] = {};
    for (const name of Object.keys(intents) as BuiltinIntentName[]) {
      const examples = o.examples?.[name] ?? shipped[name];
      if (!examples) continue;
      const response = replies[name];
      translated[name] = {
        examples,
        ...(locale === 'es' ? { title: spanishTitles[name] } : {}),
        ...(response !== undefined ? { response } : {}),
      };
    }
    out[locale] = { intents: translated };
  }
  return out;
}
