import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../contracts/errors/config-error.ts';
import { configEnvironment, type ParleyConfig, parleyConfigSchema, voiceEnvironment } from './parley-config.ts';

/** The config file's name inside a bot directory. */
export const configFileName = 'parley.config.json';

/** The data folder inside a bot directory when neither the config file nor `PARLEY_DATA_DIR` names one. */
export const defaultDataFolderName = '.parley';

async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(file, 'a readable file', String(error));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(file, `a JSON object (${(error as Error).message})`);
  }
}

/**
 * Reads `<botDir>/parley.config.json` (optional) and the environment variables of `configEnvironment`,
 * which win. Throws `ConfigError` naming the key and what was expected. `dataDir` comes back absolute,
 * relative paths resolved against `cwd`; without one it is `<botDir>/.parley`.
 */
export async function loadConfig(botDir: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<ParleyConfig> {
  const raw = await readConfigFile(join(botDir, configFileName));
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(configEnvironment)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    fromEnv[key] =
      key === 'port' ? (/^\d+$/.test(value) ? Number(value) : value) : key === 'redactPii' ? (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value) : value;
  }
  const openaiFromEnv = {
    ...(env.OPENAI_BASE_URL ? { baseUrl: env.OPENAI_BASE_URL } : {}),
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
  };
  const openai = Object.keys(openaiFromEnv).length > 0 ? { openai: { ...(raw.openai as object | undefined), ...openaiFromEnv } } : {};
  const voiceFromEnv = Object.fromEntries(Object.entries(voiceEnvironment).flatMap(([key, name]) => (env[name] ? [[key, env[name]]] : [])));
  const voice = Object.keys(voiceFromEnv).length > 0 ? { voice: { ...(raw.voice as object | undefined), ...voiceFromEnv } } : {};
  // Each bot keeps its own data folder unless told otherwise, so two bots never share a database or an index.
  const defaults = { dataDir: join(resolve(cwd, botDir), defaultDataFolderName) };
  const result = parleyConfigSchema.safeParse({ ...defaults, ...raw, ...fromEnv, ...openai, ...voice });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.join('.') || '(root)';
    const variable =
      key === 'openai.baseUrl'
        ? 'OPENAI_BASE_URL'
        : key === 'openai.apiKey'
          ? 'OPENAI_API_KEY'
          : key.startsWith('voice.')
            ? voiceEnvironment[key.slice('voice.'.length) as keyof typeof voiceEnvironment]
            : configEnvironment[key as keyof typeof configEnvironment];
    const fromEnvironment = key.startsWith('openai.') || key.startsWith('voice.') ? variable !== undefined && Boolean(env[variable]) : fromEnv[key] !== undefined;
    const where = variable && fromEnvironment ? `environment variable ${variable}` : `${configFileName} key "${key}"`;
    throw new ConfigError(key, `${issue.message} (from ${where})`);
  }
  const config = result.data;
  return { ...config, dataDir: isAbsolute(config.dataDir) ? config.dataDir : resolve(cwd, config.dataDir) };
}
