export type { BotEvent, BotEventType, Card, Suggestion } from './contracts/bot-event.ts';
export type { BotOptions } from './bot-options.ts';
export { defaultBotOptions } from './bot-options.ts';
export type { Channel, ConversationReference } from './contracts/channel.ts';
export type {
  AcceptedTurn,
  ConversationStore,
  EffectRecord,
  EffectStart,
  Lease,
  StoredConversation,
  TranscriptRange,
  TurnCommit,
} from './contracts/conversation-store.ts';
export { reviseReplyWindow } from './contracts/conversation-store.ts';
export { defaultDialogueMessages, type DialogueMessages } from './contracts/dialogue-messages.ts';
export { defaultDialoguePolicy, type DialoguePolicy } from './contracts/dialogue-policy.ts';
export {
  ConfigError,
  ConversationConflictError,
  InputError,
  isParleyError,
  isStoreUnavailable,
  LeaseLostError,
  ParleyError,
  type ParleyErrorOptions,
  StoreClosedError,
  StoreUnavailableError,
} from './contracts/errors/index.ts';
export {
  type HistoryEntry,
  type TranscriptLine,
  type TranscriptPage,
  type TranscriptQuery,
  transcriptLimits,
} from './contracts/transcript.ts';
export type { HealthReport, TurnHandler, TurnHandlerOptions, TurnInterrupter } from './contracts/turn-handler.ts';
export type { TurnResult, TurnStatus } from './contracts/turn-result.ts';
export type { ChannelUser, TurnPolicy, UserTurn } from './contracts/user-turn.ts';
export { configFileName, loadConfig } from './config/load-config.ts';
export { configEnvironment, type ParleyConfig, parleyConfigSchema } from './config/parley-config.ts';
export type { ConversationState, PersistedDialogue } from './conversation-state.ts';
export { type Bot, createBot, turnLimits } from './create-bot.ts';
export { createLogger, type CreateLoggerOptions } from './create-logger.ts';
export { maskArgs } from './mask-args.ts';
export { redactPii, redactPiiDeep } from './redact-pii.ts';
export { withPiiRedaction } from './with-pii-redaction.ts';
export type { DialogueCommand, DialogueCommandType } from './dialogue-command.ts';
export {
  type LoadBotDirectoryOptions,
  type LoadedBot,
  loadBotDirectory,
} from './load-bot-directory.ts';
export type { ProgressReporter, StartProgress } from './progress-reporter.ts';
export type { SkillRegistry } from './skill-registry.ts';
export {
  createMemoryStore,
  createRedisStore,
  createSqliteStore,
  defaultMemoryStoreOptions,
  defaultRedisStoreOptions,
  defaultSqliteStoreOptions,
  type MemoryStoreOptions,
  type OpenSqliteFileOptions,
  openSqliteFile,
  type RedisStoreOptions,
  type SqliteStoreOptions,
} from './stores/index.ts';
