import type { EntityDefinition } from '../engine/nlu/entity.ts';
import type { CommandDefinition } from './command-definition.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { IntentDefinition } from './intent-definition.ts';

/** A skill: intents, entities, flows and commands that belong together. */
export interface SkillDefinition {
  /** Unique name, e.g. "orders". */
  name: string;
  description?: string;
  intents?: Record<string, IntentDefinition>;
  entities?: Record<string, EntityDefinition>;
  flows?: Record<string, FlowDefinition>;
  commands?: Record<string, CommandDefinition>;
}
