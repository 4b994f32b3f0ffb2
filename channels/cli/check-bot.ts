import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type SkillProblem, checkSkills } from '../../core/check-skills.ts';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import { createLogger } from '../../core/create-logger.ts';
import { createSkillRegistry } from '../../core/skill-registry.ts';
import type { BotDefinition } from '../../skills/define-bot.ts';

/** What `parley check` found. */
export interface BotCheckReport {
  /** Mistakes in the skills, each naming the skill, the definition and the fix. */
  problems: SkillProblem[];
  /** The tsconfig.json the type check used; null when it was skipped or there is none. */
  tsconfig: string | null;
  /** Error lines of the type check in the bot's own files (`file(line,col): error TS…`, relative to the bot's folder). */
  type_errors: string[];
  ok: boolean;
}

/** Options of {@link checkBot}. */
export interface CheckBotOptions {
  /** Run the TypeScript type check. Default true. */
  types?: boolean;
}

const parleyRoot = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** The bot directory's own tsconfig.json, else the nearest one above it (a bot inside a larger project). */
function findTsconfig(botDir: string): string | null {
  for (let dir = botDir; ; dir = dirname(dir)) {
    const file = join(dir, 'tsconfig.json');
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return null;
  }
}

/** The bot's own TypeScript when it installed one, else the one parley was built with. */
function typescriptCompiler(botDir: string): string {
  for (const from of [join(botDir, 'package.json'), join(parleyRoot, 'package.json')]) {
    try {
      return createRequire(from).resolve('typescript/bin/tsc');
    } catch {}
  }
  throw new ConfigError('typescript', 'the typescript package installed (npm install --save-dev typescript), or --no-types');
}

/**
 * Type-checks with `tsconfig` and keeps the errors in the bot's own files: parley's sources and other packages
 * are checked as they are reached, but their errors are not the bot's to fix.
 */
function runTsc(botDir: string, tsconfig: string): Promise<string[]> {
  const child = spawn(process.execPath, [typescriptCompiler(botDir), '--noEmit', '--pretty', 'false', '-p', tsconfig], { cwd: botDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((done, fail) => {
    child.once('error', fail);
    const ownError = (line: string) => /error TS\d+/.test(line) && !/^(\.\.[\\/]|\/)/.test(line) && !/node_modules[\\/]/.test(line);
    child.once('close', () => done(output.split('\n').filter(ownError)));
  });
}

async function loadSkills(botDir: string) {
  const entry = join(botDir, 'bot.ts');
  if (!existsSync(entry)) throw new ConfigError('--bot', `a directory containing bot.ts (none in ${botDir})`);
  const module = (await import(pathToFileURL(entry).href)) as { bot?: Partial<BotDefinition> };
  const definition = module.bot;
  if (typeof definition?.setup !== 'function') throw new ConfigError(`${entry}: export "bot"`, 'a bot made with defineBot()');
  // Setup may write (caches, a database): give it a scratch folder, not the bot's data.
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-check-'));
  try {
    return (await definition.setup({ botDir, dataDir, log: createLogger('silent', 'parley') })).skills;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Runs the checks `parley start` runs at load on the bot in `dir` (every problem, not only the first) and the
 * TypeScript type check with the bot's tsconfig.json (or the nearest one above it). A `bot.ts` that does not
 * load is a problem of skill "(bot)".
 */
export async function checkBot(dir: string, options: CheckBotOptions = {}): Promise<BotCheckReport> {
  const botDir = resolve(dir);
  const problems: SkillProblem[] = [];
  try {
    const skills = await loadSkills(botDir);
    problems.push(...checkSkills(skills));
    if (problems.length === 0) createSkillRegistry(skills);
  } catch (error) {
    if (isParleyError(error) && error.name === 'ConfigError' && /^--bot$/.test((error as ConfigError).key)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    problems.push({ skill: '(bot)', path: 'bot.ts', problem: message, fix: 'see the message; `parley start` stops at the same place' });
  }
  const tsconfig = options.types === false ? null : findTsconfig(botDir);
  const typeErrors = tsconfig ? await runTsc(botDir, tsconfig) : [];
  return { problems, tsconfig, type_errors: typeErrors, ok: problems.length === 0 && typeErrors.length === 0 };
}
