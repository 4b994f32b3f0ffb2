import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';

/** The folder `parley new` copies: every file ends in `.tmpl`, so the checkout's own tools leave them alone. */
const templateDir = fileURLToPath(new URL('./templates/bot/', import.meta.url));
/** The checkout or installed package that runs this code (the folder holding parley's package.json). */
const parleyRoot = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** Options of {@link scaffoldBot}. */
export interface ScaffoldBotOptions {
  /** The new project's folder; it must not exist or be empty. */
  dir: string;
  /**
   * The package.json version of the `parley` dependency. Default: `file:<this checkout>` when parley runs from a
   * checkout, `^<version>` when it runs from an installed package.
   */
  parleyDependency?: string;
}

/** What {@link scaffoldBot} wrote. */
export interface ScaffoldedBot {
  /** The project folder, absolute. */
  dir: string;
  /** The files written, relative to `dir`, sorted. */
  files: string[];
}

interface ParleyManifest {
  version: string;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readManifest = () => JSON.parse(readFileSync(join(parleyRoot, 'package.json'), 'utf8')) as ParleyManifest;

/** The version range parley itself uses for a package, so the new project gets what parley was tested with. */
function rangeOf(manifest: ParleyManifest, name: string): string {
  const range = manifest.dependencies[name] ?? manifest.devDependencies?.[name];
  if (!range) throw new Error(`parley's package.json names no version of ${name}`);
  return range;
}

function defaultParleyDependency(manifest: ParleyManifest): string {
  return parleyRoot.split(sep).includes('node_modules') ? `^${manifest.version}` : `file:${parleyRoot}`;
}

async function templateFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.tmpl')).map((e) => relative(templateDir, join(e.parentPath, e.name)));
}

/** A template's path in the new project: without `.tmpl`; `gitignore` becomes `.gitignore` (npm drops dotfiles from packages). */
function targetPath(template: string): string {
  const plain = template.slice(0, -'.tmpl'.length);
  return basename(plain) === 'gitignore' ? join(dirname(plain), '.gitignore') : plain;
}

/**
 * Writes a new bot project into `options.dir`: package.json (`"type": "module"`, parley and zod, with
 * typescript, vitest and @types/node for its tests), tsconfig.json, `bot.ts` with a skill holding a form and a
 * command, a `knowledge/` folder, conversation stories, a vitest test and a README. It passes its own `npm test`
 * after `npm install`. Throws `ConfigError` when the folder exists and is not empty.
 */
export async function scaffoldBot(options: ScaffoldBotOptions): Promise<ScaffoldedBot> {
  const dir = resolve(options.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new ConfigError('<dir>', 'a new or empty folder', options.dir);
  const name = basename(dir);
  const packageName = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'my-bot';
  const manifest = readManifest();
  const values: Record<string, string> = {
    packageName,
    botName: name.replace(/[-_.]+/g, ' ').replace(/'/g, '').trim() || 'My bot',
    parleyDependency: options.parleyDependency ?? defaultParleyDependency(manifest),
    zodVersion: rangeOf(manifest, 'zod'),
    typescriptVersion: rangeOf(manifest, 'typescript'),
    vitestVersion: rangeOf(manifest, 'vitest'),
    typesNodeVersion: rangeOf(manifest, '@types/node'),
  };
  const files: string[] = [];
  for (const template of await templateFiles(templateDir)) {
    const text = (await readFile(join(templateDir, template), 'utf8')).replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
    const target = targetPath(template);
    await mkdir(dirname(join(dir, target)), { recursive: true });
    await writeFile(join(dir, target), text);
    files.push(target);
  }
  return { dir, files: files.sort() };
}
