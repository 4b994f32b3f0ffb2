import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadedBot, loadBotDirectory } from '../../core/load-bot-directory.ts';

/** The second knowledge bot (Riverside City Library, `test/fixtures/bots/library`) with a fresh data directory and silent logs. */
export async function loadLibraryBot(): Promise<LoadedBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-library-'));
  return loadBotDirectory('test/fixtures/bots/library', { env: {}, overrides: { store: 'memory', dataDir, logLevel: 'silent' } });
}
