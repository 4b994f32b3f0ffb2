import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { loadStoredSecret } from '../http/stored-secret.ts';

export { secretsFileName } from '../http/stored-secret.ts';

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
  const stored = await loadStoredSecret({ dataDir: options.dataDir, field: 'webTokenSecret' });
  return Buffer.from(stored.value, 'base64url');
}
