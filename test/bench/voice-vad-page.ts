import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.wav': 'audio/wav',
};

/** A page with vad-web's `MicVAD` (global `vad`) on onnxruntime-web's WebAssembly build, and WAVs to feed it. */
export interface VadPage {
  /** The page's address; vad-web's assets are under `vad/`, onnxruntime-web's under `ort/`, the WAVs under `wav/<name>.wav`. */
  url: string;
  close(): Promise<void>;
}

// tsx compiles functions handed to page.evaluate with esbuild's keepNames, which calls a global __name.
const page = `<!doctype html><meta charset="utf-8"><title>vad</title><link rel="icon" href="data:,">
<script>var __name = (fn) => fn;</script><script src="/ort/ort.wasm.min.js"></script><script src="/vad/bundle.min.js"></script>`;

/**
 * Serves vad-web and onnxruntime-web straight from `node_modules` (vad-web's UMD bundle reads the global `ort`), and
 * `wavs` (name → WAV bytes), on 127.0.0.1 at a free port. Only files of those folders are served.
 */
export async function serveVadPage(wavs: ReadonlyMap<string, Uint8Array>): Promise<VadPage> {
  const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  const roots: Record<string, string> = {
    '/vad/': join(modules, '@ricky0123/vad-web/dist'),
    '/ort/': join(modules, 'onnxruntime-web/dist'),
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const wav = path.startsWith('/wav/') ? wavs.get(path.slice(5).replace(/\.wav$/, '')) : undefined;
    if (wav) {
      res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav);
      return;
    }
    const prefix = Object.keys(roots).find((candidate) => path.startsWith(candidate));
    const file = prefix ? normalize(join(roots[prefix]!, path.slice(prefix.length))) : undefined;
    try {
      if (!prefix || !file?.startsWith(roots[prefix]!)) throw new Error('not served');
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
