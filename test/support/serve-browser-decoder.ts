import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const types: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html', '.onnx': 'application/octet-stream' };

/** A page serving the browser decoder bundle, onnxruntime-web's WebAssembly and model directories. */
export interface BrowserDecoderSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds `engine/llm/onnx/browser-decoder.ts` with Vite (ES module) and serves it at `/decoder.js`, the
 * `.wasm` files at `/ort/`, and each of `models` (name → directory) at `/models/<name>/`.
 */
export async function serveBrowserDecoder(models: Record<string, string>): Promise<BrowserDecoderSite> {
  const outDir = mkdtempSync(join(tmpdir(), 'parley-browser-decoder-'));
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      reportCompressedSize: false,
      lib: { entry: fileURLToPath(new URL('../../engine/llm/onnx/browser-decoder.ts', import.meta.url)), formats: ['es'], fileName: () => 'decoder.js' },
    },
  });
  const ortDir = fileURLToPath(new URL('../../node_modules/onnxruntime-web/dist', import.meta.url));
  const roots: Array<[string, string]> = [['/ort/', ortDir], ['/', outDir], ...Object.entries(models).map(([name, dir]): [string, string] => [`/models/${name}/`, dir])];
  // Cross-origin isolation lets onnxruntime-web use WebAssembly threads (SharedArrayBuffer).
  const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html', ...isolated }).end('<!doctype html><title>decoder</title><script type="module">import * as d from "/decoder.js"; window.decoder = d;</script>');
      return;
    }
    const root = roots.filter(([prefix]) => path.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
    try {
      if (!root) throw new Error('not served');
      const file = normalize(join(root[1], path.slice(root[0].length)));
      if (!file.startsWith(root[1])) throw new Error('outside');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', ...isolated }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
