import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';

/** The file in the data directory that keeps generated secrets (`webTokenSecret`, `apiKey`). */
export const secretsFileName = 'secrets.json';

/** Options of {@link loadStoredSecret}. */
export interface StoredSecretOptions {
  /** The data directory; secrets are kept in `<dataDir>/secrets.json`. */
  dataDir: string;
  /** The field of `secrets.json` that holds this secret. */
  field: string;
  /** Prefix of a generated value, e.g. `pk-`. Default none. */
  prefix?: string;
}

/**
 * A secret kept in `<dataDir>/secrets.json`: the stored value when there is one, otherwise 32 random bytes
 * (base64url, after `prefix`) written there with file mode 0600, next to the file's other fields. Returns the
 * value and the file's path. Throws `ConfigError` for an unreadable or malformed file.
 */
export async function loadStoredSecret(options: StoredSecretOptions): Promise<{ value: string; file: string }> {
  const prefix = options.prefix ?? '';
  const isSecret = (value: unknown): value is string =>
    typeof value === 'string' && value.startsWith(prefix) && /^[\w-]{43,}$/.test(value.slice(prefix.length));
  const file = join(options.dataDir, secretsFileName);
  const stored = await readSecrets(file);
  if (stored && isSecret(stored[options.field])) {
    await chmod(file, 0o600);
    return { value: stored[options.field] as string, file };
  }
  await mkdir(options.dataDir, { recursive: true });
  const value = `${prefix}${randomBytes(32).toString('base64url')}`;
  const text = `${JSON.stringify({ ...stored, [options.field]: value }, null, 2)}\n`;
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
  if (!written || !isSecret(written[options.field]))
    throw new ConfigError(file, `a JSON object with "${options.field}"`);
  return { value: written[options.field] as string, file };
}

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
