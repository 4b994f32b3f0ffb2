import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadedBot, loadBotDirectory } from '../../core/load-bot-directory.ts';

/** The third knowledge bot (Greenvale Waste & Recycling, `test/fixtures/bots/waste`) with a fresh data directory and silent logs. */
export async function loadWasteBot(): Promise<LoadedBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-waste-'));
  return loadBotDirectory('test/fixtures/bots/waste', {
    env: {},
    overrides: { store: 'memory', dataDir, logLevel: 'silent' },
  });
}
