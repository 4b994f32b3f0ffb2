import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { createFolderKnowledgeBase } from '../engine/knowledge/folder-knowledge-base.ts';
import type { LanguageModel } from '../engine/llm/language-model.ts';
import type { IntentClassifier } from '../engine/nlu/intent-classifier.ts';
import type { BotDefinition } from '../skills/define-bot.ts';
import { loadConfig } from './config/load-config.ts';
import type { ParleyConfig } from './config/parley-config.ts';
import { type Bot, createBot } from './create-bot.ts';
import { createLogger } from './create-logger.ts';
import { type LoadedLanguageModel, loadLanguageModel } from './load-language-model.ts';
import { ConfigError } from './contracts/errors/config-error.ts';
import type { ConversationStore } from './contracts/conversation-store.ts';
import type { StartProgress } from './progress-reporter.ts';
import { createSkillRegistry } from './skill-registry.ts';
import { createMemoryStore } from './stores/memory-store.ts';
import { createRedisStore } from './stores/redis-store.ts';
import { createSqliteStore } from './stores/sqlite-store.ts';
import { parseCrashPoints, withCrashPoints } from './stores/with-crash-points.ts';
import { trainBotClassifier } from './train-bot-classifier.ts';

/** A bot directory, loaded and running. */
export interface LoadedBot {
  bot: Bot;
  definition: BotDefinition;
  config: ParleyConfig;
  log: Logger;
  /** The model the settings named (`model`), loaded here; absent when none was named or one was passed in. */
  model?: LoadedLanguageModel;
  /** The bot's conversation store (the voice channel reads what the bot is waiting for from it). */
  store: ConversationStore;
}

/** Options of {@link loadBotDirectory}. */
export interface LoadBotDirectoryOptions {
  /** Environment variables. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Settings that win over the config file and the environment (e.g. from command-line flags). */
  overrides?: Partial<ParleyConfig>;
  /** A store to use instead of the one the config names. */
  store?: ConversationStore;
  /** A language model for turns the classifier cannot route. Default none. */
  model?: LanguageModel;
  /** A classifier to use instead of training one from the skills. */
  classifier?: IntentClassifier;
  /** Re-index `<dir>/knowledge` when its files change (for a running server). Default false. */
  watchKnowledge?: boolean;
  /** Load `<dir>/knowledge` when it exists. Default true. */
  knowledge?: boolean;
  /** Shows the progress of training the intent classifier (the command line draws a bar). Default: nothing is shown. */
  progress?: StartProgress;
}

/** The folder of a bot directory whose documents the bot answers questions from. */
export const knowledgeFolderName = 'knowledge';

function isBotDefinition(value: unknown): value is BotDefinition {
  return typeof value === 'object' && value !== null && typeof (value as BotDefinition).setup === 'function';
}

/**
 * Loads `<dir>/bot.ts` (its `bot` export, see `defineBot`) with the directory's config, opens the store in
 * the data directory and creates the bot. Throws `ConfigError` for a missing directory, a `bot.ts` without
 * a `bot` export, or a bad setting.
 */
export async function loadBotDirectory(dir: string, options: LoadBotDirectoryOptions = {}): Promise<LoadedBot> {
  const botDir = resolve(dir);
  if (!existsSync(botDir) || !statSync(botDir).isDirectory()) throw new ConfigError('--bot', 'a bot directory', dir);
  const entry = join(botDir, 'bot.ts');
  if (!existsSync(entry)) throw new ConfigError('--bot', `a directory containing bot.ts (none in ${botDir})`);
  const config = { ...(await loadConfig(botDir, options.env)), ...options.overrides };
  const log = createLogger(config.logLevel, 'parley', { redactPii: config.redactPii });
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  if (!isBotDefinition(module.bot)) throw new ConfigError(`${entry}: export "bot"`, 'a bot made with defineBot()');
  const definition = module.bot;
  const setup = await definition.setup({ botDir, dataDir: config.dataDir, log, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) });
  const configured =
    options.store ??
    (config.redisUrl
      ? createRedisStore({
          url: config.redisUrl,
          onConnectionError: (error) => log.error({ err: error }, 'Redis is unreachable: turns are answered 503 until it is back'),
        })
      : config.store === 'sqlite'
        ? createSqliteStore({ file: join(config.dataDir, 'conversations.db') })
        : createMemoryStore());
  const crashPoints = (options.env ?? process.env).PARLEY_CRASH_POINTS;
  const store = crashPoints ? withCrashPoints(configured, parseCrashPoints(crashPoints)) : configured;
  const knowledgeDir = join(botDir, knowledgeFolderName);
  const knowledge = options.knowledge !== false && existsSync(knowledgeDir)
    ? await createFolderKnowledgeBase({
        dir: knowledgeDir,
        indexFile: join(config.dataDir, 'cache', 'knowledge-index.json'),
        watch: options.watchKnowledge ?? false,
        onRefresh: (r) => log.info({ added: r.added.length, changed: r.changed.length, removed: r.removed.length, chunks: r.chunks }, 'knowledge indexed'),
        onError: (error) => log.error({ err: error }, 'knowledge re-index failed'),
      })
    : undefined;
  if (config.routing === 'model' && !options.model && !config.model) {
    throw new ConfigError('routing', 'a model (--model <dir>, PARLEY_MODEL or the "model" key) when routing is "model"');
  }
  const loadedModel =
    !options.model && config.model
      ? await loadLanguageModel(config.model, {
          ...config.openai,
          device: config.device,
          onRetry: (retry) => log.warn({ attempt: retry.attempt, delayMs: retry.delayMs, reason: retry.reason }, 'model server request retried'),
        })
      : undefined;
  const model = options.model ?? loadedModel?.model;
  const cacheDir = join(config.dataDir, 'cache');
  const classifier =
    options.classifier ??
    (await trainBotClassifier(createSkillRegistry(setup.skills).examples(), { cacheDir, log, progress: options.progress, locale: setup.locales?.default ?? setup.locales?.supported[0] ?? 'en' }));
  const created = await createBot({
    ...(knowledge ? { knowledge } : {}),
    skills: setup.skills,
    data: setup.data ?? {},
    messages: setup.messages ?? {},
    ...(setup.locales ? { locales: setup.locales } : {}),
    policy: { ...setup.policy, ...config.policy },
    store,
    cacheDir,
    turnPolicy: config.turnPolicy,
    ...(model ? { model, routing: config.routing, generation: { botName: definition.name, description: definition.description ?? '', knowledgeAnswers: config.knowledgeAnswers } } : {}),
    classifier,
    coalesceMs: config.coalesceMs,
    // Several nodes take a conversation's turns in any order: a lease kept after a turn would hold the next one up on
    // another node, while giving it back costs one Redis round trip.
    ...(config.redisUrl ? { leaseLingerMs: 0 } : {}),
    redactPii: config.redactPii,
    timeZone: config.timeZone,
    logger: log,
  });
  const bot = loadedModel ? { ...created, close: async () => Promise.all([created.close(), loadedModel.close()]).then(() => undefined) } : created;
  log.info({ bot: definition.name, store: config.redisUrl ? 'redis' : config.store, dataDir: config.dataDir, model: model?.modelId ?? null }, 'bot loaded');
  return { bot, definition, config, log, store, ...(loadedModel ? { model: loadedModel } : {}) };
}
