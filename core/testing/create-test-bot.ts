import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParleyConfig } from '../config/parley-config.ts';
import { type LoadedBot, loadBotDirectory } from '../load-bot-directory.ts';

/** Options of {@link createTestBot}. */
export interface CreateTestBotOptions {
  /** Settings on top of the bot's `parley.config.json`; the environment is not read. Default: none. */
  overrides?: Partial<ParleyConfig>;
  /** Load `<dir>/knowledge` when it exists. Default true. */
  knowledge?: boolean;
}

/** A bot directory loaded for a test; `close()` also removes its scratch data folder. */
export type TestBot = LoadedBot['bot'] & Pick<LoadedBot, 'definition' | 'config'>;

/**
 * Loads the bot directory `dir` (its `bot.ts`) for a test: conversations in memory, logs silent, caches and
 * the knowledge index in a fresh temporary folder, and no environment variables read, so a test sees the same
 * bot on every machine.
 *
 * @example
 * const bot = await createTestBot('.');
 * await scriptConversation(bot).user('hi').expectReply(/hello/i).run();
 * await bot.close();
 */
export async function createTestBot(dir: string, options: CreateTestBotOptions = {}): Promise<TestBot> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-test-bot-'));
  try {
    const loaded = await loadBotDirectory(dir, {
      env: {},
      overrides: { store: 'memory', logLevel: 'silent', ...options.overrides, dataDir },
      ...(options.knowledge === false ? { knowledge: false } : {}),
    });
    return {
      ...loaded.bot,
      definition: loaded.definition,
      config: loaded.config,
      close: async () => {
        await loaded.bot.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
