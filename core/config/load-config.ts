import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../contracts/errors/config-error.ts';
import { configEnvironment, type ParleyConfig, parleyConfigSchema } from './parley-config.ts';

/** The config file's name inside a bot directory. */
export const configFileName = 'parley.config.json';

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
 * relative paths resolved against `cwd`.
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
  const result = parleyConfigSchema.safeParse({ ...raw, ...fromEnv });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.join('.') || '(root)';
    const variable = configEnvironment[key as keyof typeof configEnvironment];
    const where = variable && fromEnv[key] !== undefined ? `environment variable ${variable}` : `${configFileName} key "${key}"`;
    throw new ConfigError(key, `${issue.message} (from ${where})`);
  }
  const config = result.data;
  return { ...config, dataDir: isAbsolute(config.dataDir) ? config.dataDir : resolve(cwd, config.dataDir) };
}
