import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../../core/contracts/errors/input-error.ts';
import { loadBotDirectory } from '../../core/load-bot-directory.ts';
import type { StartProgress } from '../../core/progress-reporter.ts';
import { type ConversationStory, parseConversationStories } from './conversation-story.ts';
import { runStories, type StoryReport } from './run-stories.ts';

/** The folder of a bot directory that `parley test` reads when no files are named. */
export const storiesFolderName = 'stories';

/** Options of {@link runBotStories}. */
export interface RunBotStoriesOptions {
  /** Story files; default every `.yaml`, `.yml` and `.json` file under `<dir>/stories`. */
  files?: readonly string[];
  /** Shows the progress of training the classifier. Default: nothing is shown. */
  progress?: StartProgress;
}

async function storyFiles(botDir: string): Promise<string[]> {
  const folder = join(botDir, storiesFolderName);
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Loads the bot in `dir` (conversations in memory; caches in its data folder) and plays the stories of the files
 * against it. Throws an `InputError` when there are no stories or a file is malformed, naming the file and place.
 */
export async function runBotStories(dir: string, options: RunBotStoriesOptions = {}): Promise<StoryReport> {
  const botDir = resolve(dir);
  const files = options.files && options.files.length > 0 ? options.files.map((f) => resolve(f)) : await storyFiles(botDir);
  if (files.length === 0) throw new InputError('stories', `no story files: name them, or put .yaml or .json stories in ${join(dir, storiesFolderName)}`);
  const stories: ConversationStory[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new InputError(relative(process.cwd(), file) || file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    stories.push(...parseConversationStories(text, relative(process.cwd(), file) || file));
  }
  const loaded = await loadBotDirectory(botDir, {
    overrides: { store: 'memory', ...(process.env.PARLEY_LOG_LEVEL ? {} : { logLevel: 'warn' as const }) },
    ...(options.progress ? { progress: options.progress } : {}),
  });
  try {
    return await runStories(loaded.bot, stories);
  } finally {
    await loaded.bot.close();
  }
}
