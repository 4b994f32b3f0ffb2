import type { Logger } from 'pino';
import type { BotLocales } from '../core/contracts/bot-locales.ts';
import type { DialogueMessages } from '../core/contracts/dialogue-messages.ts';
import type { DialoguePolicy } from '../core/contracts/dialogue-policy.ts';
import type { SkillDefinition } from './skill-definition.ts';

/** Where a bot runs: its own directory, the writable data directory, a logger. */
export interface BotEnvironment {
  /** The bot's directory (where its `bot.ts` is). */
  botDir: string;
  /** The writable data directory (`PARLEY_DATA_DIR`, default `.parley/`). */
  dataDir: string;
  /**
   * The Redis several nodes share (`PARLEY_REDIS_URL`), when set: keep state every node must see (e.g. a ledger of
   * side effects keyed by idempotency key) there rather than in `dataDir`. Default: none (one node).
   */
  redisUrl?: string;
  log: Logger;
}

/** What a bot's setup returns. */
export interface BotSetup {
  skills: SkillDefinition[];
  /** Data given to flows and commands. */
  data?: Readonly<Record<string, unknown>>;
  messages?: Partial<DialogueMessages>;
  policy?: Partial<DialoguePolicy>;
  /** The languages the bot speaks (see `BotLocales`). Default: English only. */
  locales?: BotLocales;
}

/** A bot directory's definition: the export named `bot` of its `bot.ts`. */
export interface BotDefinition {
  name: string;
  description?: string;
  /** Loads data and builds the skills. Runs once per process start. */
  setup(env: BotEnvironment): BotSetup | Promise<BotSetup>;
}

/**
 * Declares a bot for `parley start|chat|eval --bot <dir>`: export it as `bot` from `<dir>/bot.ts`.
 *
 * @example
 * export const bot = defineBot({ name: 'Acme', setup: () => ({ skills: [...builtinSkills(), orders] }) });
 */
export function defineBot(definition: BotDefinition): BotDefinition {
  if (!definition.name.trim()) throw new TypeError('a bot needs a name');
  return definition;
}
