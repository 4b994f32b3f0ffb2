import type { FlowDefinition } from './flow-definition.ts';
import type { FlowStep } from './flow-step.ts';
import type { IntentDefinition } from './intent-definition.ts';
import type { SkillDefinition } from './skill-definition.ts';
import type { BranchTranslation, FlowTranslation, StepTranslation } from './skill-translation.ts';
import type { SlotDefinition } from './slot-definition.ts';

/** A skill in one language, and the translations it lacked (dotted paths under `skills.<name>.locales.<locale>`). */
export interface LocalizedSkill {
  skill: SkillDefinition;
  missing: string[];
}

/** Fields with words of each part of a skill: each one the base has must be translated. */
const intentWords = ['title', 'response'] as const;
const flowWords = ['description', 'help', 'cancelled', 'cancelQuestion'] as const;
const slotWords = ['prompt', 'invalidMessage', 'help', 'label', 'validate'] as const;
const stepWords = ['confirm', 'declined', 'respond'] as const;

/**
 * Takes each word field of `base` that has a value from `translation`: when the translation lacks it, the base's
 * stays when `fallback` is true and its path is listed in `missing` either way.
 */
function pick<T extends object>(base: T, translation: Partial<T> | undefined, fields: readonly (keyof T)[], path: string, missing: string[]): T {
  const out = { ...base };
  for (const field of fields) {
    if (base[field] === undefined || base[field] === false) continue;
    const given = translation?.[field];
    if (given !== undefined) out[field] = given as T[keyof T];
    else missing.push(`${path}.${String(field)}`);
  }
  return out;
}

function localizeIntent(base: IntentDefinition, translation: IntentDefinition | undefined, path: string, missing: string[]): IntentDefinition {
  const out = pick(base, translation, intentWords, path, missing);
  if (translation?.examples && translation.examples.length > 0) return { ...out, examples: translation.examples };
  missing.push(`${path}.examples`);
  return out;
}

type StepWords = StepTranslation | BranchTranslation | null;

/** Step translations laid out in line like the steps themselves (a branch's `then` entries, then its `else` ones). */
function flattenStepTranslations(steps: readonly StepWords[]): Array<StepTranslation | null> {
  return steps.flatMap((step) =>
    step !== null && 'then' in step ? flattenStepTranslations([...step.then, ...(step.else ?? [])]) : [step as StepTranslation | null],
  );
}

function localizeFlow(base: FlowDefinition, translation: FlowTranslation | undefined, path: string, missing: string[]): FlowDefinition {
  const out = pick(base, translation as Partial<FlowDefinition> | undefined, flowWords, path, missing);
  const slots: Record<string, SlotDefinition> = {};
  for (const [name, slot] of Object.entries(base.slots ?? {})) {
    slots[name] = pick(slot, translation?.slots?.[name] as Partial<SlotDefinition> | undefined, slotWords, `${path}.slots.${name}`, missing);
  }
  const steps = translation?.steps && flattenStepTranslations(translation.steps);
  if (steps !== undefined && steps.length !== base.steps.length) {
    missing.push(`${path}.steps (${steps.length} entries for ${base.steps.length} steps: give one per step, null for a step without words)`);
  }
  const localizedSteps = base.steps.map((step, index) => {
    const given = (steps?.length === base.steps.length ? steps[index] : undefined) ?? undefined;
    const words = step as FlowStep & Partial<Record<(typeof stepWords)[number], unknown>>;
    return pick(words, given as Partial<typeof words> | undefined, stepWords, `${path}.steps[${index}]`, missing) as FlowStep;
  });
  return { ...out, ...(base.slots ? { slots } : {}), steps: localizedSteps };
}

/**
 * The skill as it reads in `locale`: its translation's examples and words over its own, entities replaced where
 * the translation gives them. `locale` equal to `baseLocale` (the language the skill's own words are in) gives the
 * skill as written. Every word field the skill has and the translation lacks is listed in `missing` (and keeps
 * the base's words), so a bot can refuse to start or fall back as configured.
 *
 * @example
 * const { skill, missing } = localizeSkill(storeSkill, 'es', 'en');
 * // missing: ['skills.store.locales.es.flows.store_hours.slots.city.prompt'] when that prompt has no translation
 */
export function localizeSkill(base: SkillDefinition, locale: string, baseLocale: string): LocalizedSkill {
  const { locales, ...rest } = base;
  if (locale === baseLocale) return { skill: rest, missing: [] };
  const translation = locales?.[locale];
  const at = `skills.${base.name}.locales.${locale}`;
  const missing: string[] = [];
  const intents: Record<string, IntentDefinition> = {};
  for (const [name, intent] of Object.entries(base.intents ?? {})) {
    intents[name] = localizeIntent(intent, translation?.intents?.[name], `${at}.intents.${name}`, missing);
  }
  const flows: Record<string, FlowDefinition> = {};
  for (const [name, flow] of Object.entries(base.flows ?? {})) {
    flows[name] = localizeFlow(flow, translation?.flows?.[name], `${at}.flows.${name}`, missing);
  }
  const commands: NonNullable<SkillDefinition['commands']> = {};
  for (const [name, command] of Object.entries(base.commands ?? {})) {
    commands[name] = pick(command, translation?.commands?.[name], ['description'], `${at}.commands.${name}`, missing);
  }
  const skill: SkillDefinition = {
    ...rest,
    ...(base.description !== undefined ? { description: translation?.description ?? base.description } : {}),
    ...(base.intents ? { intents } : {}),
    ...(base.entities || translation?.entities ? { entities: { ...base.entities, ...translation?.entities } } : {}),
    ...(base.flows ? { flows } : {}),
    ...(base.commands ? { commands } : {}),
  };
  return { skill, missing };
}
