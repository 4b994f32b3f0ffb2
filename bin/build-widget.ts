/**
 * Builds the widget into one file, `web-client/dist/parley-widget.js` (an IIFE defining `ParleyWidget`), and
 * reports what the demo page loads before the bot's first reply: that file, gzipped, against the 60 KB budget.
 * `npm run build` runs it (and `npm ci` through `prepare`, with `--optional`: an install without dev dependencies
 * has no Vite and skips the build with a warning). The last stdout line is one JSON object; exit code 1 when the
 * budget is exceeded.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { renderDemoPage } from '../channels/web/demo-page.ts';

/** The gzipped size the demo page's JavaScript must stay under, in bytes. */
export const widgetBudgetBytes = 60 * 1024;

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../web-client/dist', import.meta.url));

/** What both bundles share: no config file, no public folder, minified into `outDir` without source maps. */
const base = { configFile: false, root, logLevel: 'warn', publicDir: false } as const;
const baseBuild = { outDir, minify: true, sourcemap: false, reportCompressedSize: false } as const;

/** Builds the bundle; resolves with its raw and gzipped sizes in bytes. */
export async function buildWidget(): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  const { build } = await import('vite');
  await build({
    ...base,
    build: {
      ...baseBuild,
      emptyOutDir: true,
      target: 'es2020',
      lib: {
        entry: fileURLToPath(new URL('../web-client/parley-widget.ts', import.meta.url)),
        name: 'ParleyWidget',
        formats: ['iife'],
        fileName: () => 'parley-widget.js',
      },
    },
  });
  await buildVoiceModule();
  const file = `${outDir}/parley-widget.js`;
  const body = await readFile(file);
  return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

/**
 * Builds the widget's voice module, `web-client/dist/parley-voice.js`: one ES module with vad-web and
 * onnxruntime-web's JavaScript, which the widget imports only when voice is first used (outside the budget).
 * onnxruntime-web is resolved to its build that loads its WebAssembly from `wasmPaths` (parley serves the files)
 * rather than the one that inlines it.
 */
async function buildVoiceModule(): Promise<void> {
  const { build } = await import('vite');
  await build({
    ...base,
    resolve: { conditions: ['onnxruntime-web-use-extern-wasm', 'import', 'module', 'default'], mainFields: ['module', 'main'] },
    build: {
      ...baseBuild,
      emptyOutDir: false,
      target: 'es2022',
      lib: {
        entry: fileURLToPath(new URL('../web-client/voice/parley-voice.ts', import.meta.url)),
        formats: ['es'],
        fileName: () => 'parley-voice.js',
      },
    },
  });
}

async function viteInstalled(): Promise<boolean> {
  try {
    await import('vite');
    return true;
  } catch {
    return false;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--optional') && !(await viteInstalled())) {
    process.stderr.write('parley: Vite is not installed (an install without dev dependencies?); the widget was not rebuilt\n');
    process.exit(0);
  }
  const { bytes, gzipBytes } = await buildWidget();
  const demoJs = demoPageScriptBytes(gzipBytes);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  process.stderr.write(`built web-client/dist/parley-widget.js: ${kb(bytes)}, ${kb(gzipBytes)} gzipped\n`);
  process.stderr.write(
    `JavaScript the demo page loads up to the first reply: ${kb(demoJs)} gzipped (budget ${kb(widgetBudgetBytes)})\n`,
  );
  const report = {
    file: 'web-client/dist/parley-widget.js',
    bytes,
    gzip_bytes: gzipBytes,
    demo_page_js_gzip_bytes: demoJs,
    budget_gzip_bytes: widgetBudgetBytes,
    within_budget: demoJs < widgetBudgetBytes,
    // Loaded only when voice is first used, outside the budget.
    voice_module_gzip_bytes: gzipSync(await readFile(`${outDir}/parley-voice.js`), { level: 9 }).length,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (!report.within_budget) process.exitCode = 1;
}

/**
 * The gzipped JavaScript the demo page's HTML pulls in: its script tags (the widget bundle; voice assets load only
 * when voice is used) plus any inline script. Throws for a script the build does not know.
 */
function demoPageScriptBytes(widgetGzipBytes: number): number {
  const html = renderDemoPage({ botName: 'Demo' });
  let total = 0;
  for (const [, src, inline] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const url = /\bsrc="([^"]+)"/.exec(src ?? '')?.[1];
    if (url === '/parley-widget.js') total += widgetGzipBytes;
    else if (url) throw new Error(`the demo page loads ${url}, which the size report does not know`);
    else total += gzipSync(inline ?? '').length;
  }
  return total;
}
