import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStaticAsset, type StaticAsset } from './static-asset.ts';

/** The path prefix of the widget's voice files. */
export const voiceAssetPrefix = '/parley-voice/';

/** Where `npm run build` writes the widget's voice module (loaded by the widget when voice is first used). */
export const voiceBundlePath = fileURLToPath(new URL('../../web-client/dist/parley-voice.js', import.meta.url));

const require = createRequire(import.meta.url);
const vadDir = () => dirname(require.resolve('@ricky0123/vad-web'));
const ortDir = () => dirname(require.resolve('onnxruntime-web/wasm'));

/** Each served name: its file and content type. Nothing else under the prefix is served. */
function voiceFiles(bundle: string): Record<string, { file: string; type: string }> {
  return {
    'parley-voice.js': { file: bundle, type: 'text/javascript; charset=utf-8' },
    'vad.worklet.bundle.min.js': { file: join(vadDir(), 'vad.worklet.bundle.min.js'), type: 'text/javascript; charset=utf-8' },
    'silero_vad_v5.onnx': { file: join(vadDir(), 'silero_vad_v5.onnx'), type: 'application/octet-stream' },
    'ort-wasm-simd-threaded.mjs': { file: join(ortDir(), 'ort-wasm-simd-threaded.mjs'), type: 'text/javascript; charset=utf-8' },
    'ort-wasm-simd-threaded.wasm': { file: join(ortDir(), 'ort-wasm-simd-threaded.wasm'), type: 'application/wasm' },
  };
}

/**
 * Serves what the widget needs for voice under `/parley-voice/`, from parley itself (no CDN): the voice module
 * (`parley-voice.js`, built next to the widget), vad-web's Silero model and audio worklet, and onnxruntime-web's
 * WebAssembly runtime (`application/wasm`). The widget fetches them only when the user first turns voice on, so
 * they cost the chat nothing. Returns a handler that answers these paths (404 for other names under the prefix)
 * and returns false for other paths.
 */
export function createVoiceAssetHandler(bundle: string = voiceBundlePath) {
  const assets = new Map<string, StaticAsset>();
  let files: ReturnType<typeof voiceFiles> | undefined;
  return async function serveVoiceAsset(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(voiceAssetPrefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const name = path.slice(voiceAssetPrefix.length);
    files ??= voiceFiles(bundle);
    const entry = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`No voice file ${JSON.stringify(name)}: the widget's voice files are ${Object.keys(files).join(', ')}.\n`);
      return true;
    }
    let asset = assets.get(name);
    if (!asset) {
      asset = createStaticAsset(entry.file, entry.type, name === 'parley-voice.js' ? 'public, max-age=300' : 'public, max-age=86400');
      assets.set(name, asset);
    }
    if (!(await asset.send(req, res))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        name === 'parley-voice.js'
          ? 'The widget voice module is not built. Run `npm run build` (npm ci does it for you).\n'
          : `${name} is missing from node_modules: reinstall parley's dependencies (npm ci).\n`,
      );
    }
    return true;
  };
}
