import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { loadStoredSecret } from './stored-secret.ts';

/** The environment variable holding the REST API keys, comma-separated. */
export const apiKeysEnvironment = 'PARLEY_API_KEYS';

/** Options of {@link loadApiKeys}. */
export interface LoadApiKeysOptions {
  /** The data directory (`config.dataDir`); a generated key is kept in `<dataDir>/secrets.json`. */
  dataDir: string;
  /** Environment variables; `PARLEY_API_KEYS` wins over the file. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** The REST API keys and where they came from. */
export interface ApiKeys {
  keys: string[];
  /** `PARLEY_API_KEYS`, or the path of the secrets file holding the generated key. */
  source: string;
}

/**
 * The keys REST callers present as `Authorization: Bearer <key>`: those of `PARLEY_API_KEYS` (comma-separated,
 * each at least 16 characters), otherwise one generated on first use into `<dataDir>/secrets.json` (field
 * `apiKey`, file mode 0600), which `parley api-key` prints. Throws `ConfigError` for a short key.
 */
export async function loadApiKeys(options: LoadApiKeysOptions): Promise<ApiKeys> {
  const fromEnv = (options.env ?? process.env)[apiKeysEnvironment];
  const keys = (fromEnv ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (keys.length > 0) {
    const short = keys.find((k) => k.length < 16 || k.length > 512 || /\s/.test(k));
    if (short !== undefined)
      throw new ConfigError(apiKeysEnvironment, 'comma-separated keys of 16 to 512 characters without spaces', `${short.length} characters`);
    return { keys, source: apiKeysEnvironment };
  }
  const stored = await loadStoredSecret({ dataDir: options.dataDir, field: 'apiKey', prefix: 'pk-' });
  return { keys: [stored.value], source: stored.file };
}
