import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';

/**
 * Creates the data folder when it is missing and proves it writable by writing and removing a probe file, so an
 * unusable folder is one clear `ConfigError` at start instead of a storage failure in the first turn.
 */
export async function ensureDataDir(dataDir: string): Promise<void> {
  const probe = join(dataDir, `.write-probe-${randomUUID()}`);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError('dataDir', `a writable data folder (${code} on ${dataDir}; set PARLEY_DATA_DIR or "dataDir" in parley.config.json)`);
  }
}
