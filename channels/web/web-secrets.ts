import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';

/** The file in the data directory that keeps generated secrets. */
export const secretsFileName = 'secrets.json';

/** Options of {@link loadWebSecret}. */
export interface LoadWebSecretOptions {
  /** The data directory (`config.dataDir`); the secret is kept in `<dataDir>/secrets.json`. */
  dataDir: string;
  /** Environment variables; `PARLEY_WEB_SECRET` (at least 32 characters) wins over the file. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The key that signs the web channel's conversation tokens: `PARLEY_WEB_SECRET` when set, otherwise the one
 * kept in `<dataDir>/secrets.json`, generated (32 random bytes, file mode 0600) on first start. Keeping it
 * means conversations survive a restart. Throws `ConfigError` for a short variable or an unreadable file.
 */
export async function loadWebSecret(options: LoadWebSecretOptions): Promise<Uint8Array> {
  const fromEnv = (options.env ?? process.env).PARLEY_WEB_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < 32)
      throw new ConfigError('PARLEY_WEB_SECRET', 'at least 32 characters', `${fromEnv.length} characters`);
    return new TextEncoder().encode(fromEnv);
  }
  const file = join(options.dataDir, secretsFileName);
  const stored = await readSecrets(file);
  if (stored && isSecret(stored.webTokenSecret)) {
    await chmod(file, 0o600);
    return Buffer.from(stored.webTokenSecret, 'base64url');
  }
  await mkdir(options.dataDir, { recursive: true });
  const text = `${JSON.stringify({ ...stored, webTokenSecret: randomBytes(32).toString('base64url') }, null, 2)}\n`;
  if (stored) {
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, file);
  } else {
    // Exclusive create: when two processes start at once, both end up with the one secret that was written first.
    await writeFile(file, text, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  const written = await readSecrets(file);
  if (!written || !isSecret(written.webTokenSecret))
    throw new ConfigError(file, 'a JSON object with "webTokenSecret"');
  return Buffer.from(written.webTokenSecret, 'base64url');
}

const isSecret = (value: unknown): value is string => typeof value === 'string' && /^[\w-]{43,}$/.test(value);

async function readSecrets(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(file, 'a readable file', String(error));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ConfigError(file, 'a JSON object');
}
