import type { Logger } from 'pino';
import type { KnowledgeBase } from '../engine/knowledge/knowledge-base.ts';
import type { LanguageModel } from '../engine/llm/language-model.ts';
import type { IntentClassifier } from '../engine/nlu/intent-classifier.ts';
import type { SkillDefinition } from '../skills/skill-definition.ts';
import type { BotLocales } from './bot-locales.ts';
import type { DialogueMessages } from './contracts/dialogue-messages.ts';
import type { DialoguePolicy } from './contracts/dialogue-policy.ts';
import type { ConversationStore } from './contracts/conversation-store.ts';
import type { TurnPolicy } from './contracts/user-turn.ts';

/** Options of `createBot`. */
export interface BotOptions {
  /** The bot's skills; built-ins are not added automatically (see `builtinSkills`). */
  skills: readonly SkillDefinition[];
  /** A trained classifier for the default locale. Default: one trained from the skills' examples (cached in `cacheDir`). */
  classifier?: IntentClassifier;
  /** Directory for trained classifiers, keyed by a hash of the examples. Default: none (train in memory). */
  cacheDir?: string;
  /** Where conversations are kept. Default: an in-memory store. */
  store?: ConversationStore;
  /** Data given to flows and commands (the demo's orders, stores...). Default `{}`. */
  data?: Readonly<Record<string, unknown>>;
  /** Dialogue thresholds; unset fields keep `defaultDialoguePolicy`'s. */
  policy?: Partial<DialoguePolicy>;
  /** What the dialogue says on its own; unset fields keep `defaultDialogueMessages`'. */
  messages?: Partial<DialogueMessages>;
  /** How a turn relates to a running one of its conversation. Default "queue". */
  turnPolicy?: TurnPolicy;
  /** Milliseconds to wait for more chat messages to merge into one turn. Default 0 (off). */
  coalesceMs?: number;
  /**
   * How long finished turns (and so turn-id deduplication), journaled effects and transcript lines are kept, in
   * milliseconds. Purged at start and hourly. Default: kept forever.
   */
  retentionMs?: number;
  /** This process's id as a lease owner. Default: random per bot. */
  nodeId?: string;
  /** How long a conversation's lease lasts without renewal, in milliseconds (renewed every third of it while a turn runs). Default 30000. */
  leaseTtlMs?: number;
  /** How long a turn waits for another process's lease on its conversation, in milliseconds, before failing as retryable. Default 15000. */
  leaseWaitMs?: number;
  /** How long a conversation's lease is kept after its last turn, in milliseconds (the next turn then needs no lease write). Default 2000. */
  leaseLingerMs?: number;
  /** Finish the turns the store holds as accepted but unfinished (after a crash) when the bot starts. Default true. */
  recoverPendingTurns?: boolean;
  /**
   * A language model for turns the classifier cannot route: it gets the allowed commands as tools, the
   * classifier's reading and the transcript, and its calls run through the same guarded executor.
   * Default: none (such turns get the fallback).
   */
  model?: LanguageModel;
  /**
   * Documents the bot answers questions from: turns no intent covers, and questions recognised as an intent
   * marked `knowledge: true`. Answers quote a passage and name its source. Default: none.
   */
  knowledge?: KnowledgeBase;
  /** "classifier" (default) or "model": see `DialogueEnvironment.routing`. Needs `model` for "model". */
  routing?: 'classifier' | 'model';
  /** How the model is used; unset fields keep `defaultGenerationSettings`. */
  generation?: Partial<GenerationSettings>;
  /**
   * Mask e-mail addresses, phone numbers and payment card numbers (Luhn-checked) in logs (see `redactPii`,
   * `withPiiRedaction`) and in stored transcript lines. The audit line of each command call masks its arguments
   * either way. Default false.
   */
  redactPii?: boolean;
  /** Logger (pino). Default: a silent one. */
  logger?: Logger;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /**
   * The languages the bot speaks, and how a conversation's is chosen (the channel's locale, else the language the
   * user writes in). Each skill gives its words in every one (`SkillDefinition.locales`). Default: English only.
   */
  locales?: BotLocales;
  /** The users' IANA time zone, in which "tomorrow" and "at 5" are read ("Europe/Madrid"). Default "UTC". */
  timeZone?: string;
}

/** The defaults of the optional {@link BotOptions} fields that have one. */
export const defaultBotOptions = {
  turnPolicy: 'queue' as TurnPolicy,
  coalesceMs: 0,
  leaseTtlMs: 30_000,
  leaseWaitMs: 15_000,
  leaseLingerMs: 2_000,
  recoverPendingTurns: true,
  redactPii: false,
};

/** How the bot uses its language model. */
export interface GenerationSettings {
  /** The bot's name in the system message. Default "the assistant". */
  botName: string;
  /** What the bot is for, in the system message. Default none. */
  description: string;
  /** Extra system instructions. Default none. */
  instructions: string;
  /** Tokens a reply may have. Default 120. */
  maxTokens: number;
  /** 0 is greedy. Default 0. */
  temperature: number;
  /** Transcript lines given to the model. Default 8. */
  historyTurns: number;
  /**
   * Knowledge answers with a model: "generate" (default) has it answer from the chosen passage only, its
   * words streamed and the source added after; "quote" quotes the passage as without a model (for a model
   * trained only to route, like `parley train-model`'s).
   */
  knowledgeAnswers: 'quote' | 'generate';
}

/** The defaults of {@link GenerationSettings}. */
export const defaultGenerationSettings: GenerationSettings = {
  botName: 'the assistant',
  description: '',
  instructions: '',
  maxTokens: 120,
  temperature: 0,
  historyTurns: 8,
  knowledgeAnswers: 'generate',
};
