import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVoiceAssetHandler, voiceAssetPrefix } from '../../channels/web/voice-assets.ts';

/** A page with vad-web's `MicVAD` (global `vad`) on onnxruntime-web's WebAssembly build, and WAVs to feed it. */
export interface VadPage {
  /**
   * The page's address. The WAVs are under `wav/<name>.wav`; the model, worklet and WebAssembly under parley's own
   * voice prefix (`/parley-voice/`, served by the widget's asset handler), which `assetBase` names.
   */
  url: string;
  assetBase: string;
  close(): Promise<void>;
}

// tsx compiles functions handed to page.evaluate with esbuild's keepNames, which calls a global __name.
const page = `<!doctype html><meta charset="utf-8"><title>vad</title><link rel="icon" href="data:,">
<script>var __name = (fn) => fn;</script><script src="/ort/ort.wasm.min.js"></script><script src="/vad/bundle.min.js"></script>`;

/**
 * Serves a page with vad-web's and onnxruntime-web's script bundles from `node_modules` (vad-web's UMD bundle reads
 * the global `ort`; the widget's own module is an ES module), the detector's files through parley's voice asset
 * handler, exactly as the widget gets them, and `wavs` (name → WAV bytes), on 127.0.0.1 at a free port.
 */
export async function serveVadPage(wavs: ReadonlyMap<string, Uint8Array>): Promise<VadPage> {
  const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  const scripts: Record<string, string> = {
    '/vad/bundle.min.js': join(modules, '@ricky0123/vad-web/dist/bundle.min.js'),
    '/ort/ort.wasm.min.js': join(modules, 'onnxruntime-web/dist/ort.wasm.min.js'),
  };
  const voiceAssets = createVoiceAssetHandler();
  const server: Server = createServer(async (req, res) => {
    if (await voiceAssets(req, res)) return;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const wav = path.startsWith('/wav/') ? wavs.get(path.slice(5).replace(/\.wav$/, '')) : undefined;
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    else if (wav) res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav);
    else if (Object.hasOwn(scripts, path)) res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(scripts[path]!));
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    assetBase: voiceAssetPrefix,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
