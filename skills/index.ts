export {
  type BuiltinIntentName,
  type BuiltinIntentOverride,
  builtinSkills,
  type BuiltinSkillsOptions,
  defaultBuiltinSkillsOptions,
} from './builtin/builtin-skills.ts';
export { createAttemptLimiter, defaultAttemptLimit, type AttemptLimit, type AttemptLimiter, type AttemptLimiterOptions, type AttemptStatus } from './attempt-limiter.ts';
export type { AttemptRecord, AttemptStore } from './attempt-store.ts';
export {
  type CommandAuthorization,
  type CommandContext,
  type CommandDefinition,
  type CommandRecovery,
  defineCommand,
} from './command-definition.ts';
export { createMemoryAttemptStore } from './memory-attempt-store.ts';
export { type BotDefinition, type BotEnvironment, type BotSetup, defineBot } from './define-bot.ts';
export { defineSkill } from './define-skill.ts';
export type { FlowDefinition } from './flow-definition.ts';
export type { FlowState } from './flow-state.ts';
export type { CallStep, CollectStep, ConfirmStep, FlowStep, RespondStep } from './flow-step.ts';
export type { IntentAction, IntentDefinition, SmallTalkKind } from './intent-definition.ts';
export { type Reply, suggest } from './reply.ts';
export type { SkillDefinition } from './skill-definition.ts';
export type { SlotDefinition } from './slot-definition.ts';
