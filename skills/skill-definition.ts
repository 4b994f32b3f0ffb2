import type { EntityDefinition } from '../engine/nlu/entity.ts';
import type { CommandDefinition } from './command-definition.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { IntentDefinition } from './intent-definition.ts';
import type { SkillTranslation } from './skill-translation.ts';

/** A skill: intents, entities, flows and commands that belong together. */
export interface SkillDefinition {
  /** Unique name, e.g. "orders". */
  name: string;
  description?: string;
  intents?: Record<string, IntentDefinition>;
  entities?: Record<string, EntityDefinition>;
  flows?: Record<string, FlowDefinition>;
  commands?: Record<string, CommandDefinition>;
  /**
   * The skill in other languages, by BCP 47 primary language subtag ("es"). The skill's own words are in the bot's
   * default locale. Default: none (a bot that speaks another language then refuses to start, naming each missing
   * translation, unless it falls back to its default locale).
   */
  locales?: Record<string, SkillTranslation>;
}
