import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParleyServer } from '../../../channels/http/create-parley-server.ts';
import type { SessionInfo } from '../../../channels/web/protocol.ts';
import { createVoiceAssetHandler, voiceBundlePath } from '../../../channels/web/voice-assets.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';

const require = createRequire(import.meta.url);
const ortDir = dirname(require.resolve('onnxruntime-web/wasm'));

let server: Server;
let url: string;

beforeAll(async () => {
  const serve = createVoiceAssetHandler();
  server = createServer((req, res) => {
    void serve(req, res).then((handled) => {
      if (!handled) res.writeHead(418).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A GET with raw headers (fetch would decode gzip by itself). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(`${url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the widget voice files', () => {
  it("serves onnxruntime-web's WebAssembly as application/wasm, gzipped when asked, with an ETag", async () => {
    const wasm = await get('/parley-voice/ort-wasm-simd-threaded.wasm', { 'accept-encoding': 'gzip' });
    expect(wasm.status).toBe(200);
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.headers['content-encoding']).toBe('gzip');
    const body = gunzipSync(wasm.body);
    expect(body.equals(readFileSync(join(ortDir, 'ort-wasm-simd-threaded.wasm')))).toBe(true);
    // WebAssembly's magic number.
    expect([...body.subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    const again = await get('/parley-voice/ort-wasm-simd-threaded.wasm', { 'if-none-match': String(wasm.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('serves the voice module, the detector model, its worklet and the runtime glue with their types', async () => {
    const expected: Record<string, string> = {
      'parley-voice.js': 'text/javascript; charset=utf-8',
      'silero_vad_v5.onnx': 'application/octet-stream',
      'vad.worklet.bundle.min.js': 'text/javascript; charset=utf-8',
      'ort-wasm-simd-threaded.mjs': 'text/javascript; charset=utf-8',
    };
    for (const [name, type] of Object.entries(expected)) {
      const res = await get(`/parley-voice/${name}`);
      expect({ name, status: res.status, type: res.headers['content-type'] }).toEqual({ name, status: 200, type });
      expect(res.body.length).toBeGreaterThan(1000);
    }
    expect((await get('/parley-voice/parley-voice.js')).body.equals(readFileSync(voiceBundlePath))).toBe(true);
  });

  it('answers 404 naming the files for any other name under the prefix, and leaves other paths alone', async () => {
    for (const name of ['silero_vad_legacy.onnx', 'dist/parley-voice.js', 'package.json', '']) {
      const res = await get(`/parley-voice/${name}`);
      expect(res.status).toBe(404);
      expect(res.body.toString()).toMatch(/the widget's voice files are parley-voice\.js, /);
    }
    // Dot segments resolve before the prefix is checked: these are other paths, never a file next to the assets.
    for (const path of ['/parley-voice/../package.json', '/parley-voice/%2e%2e/%2e%2e/package.json', '/parley-widget.js'])
      expect((await get(path)).status).toBe(418);
  });
});

describe('voice in the session', () => {
  let acme: LoadedBot;
  beforeAll(async () => {
    acme = await loadAcme({ knowledge: false });
  });
  afterAll(async () => {
    await acme.bot.close();
  });

  /** The session a widget gets from a server made with `voice`. */
  async function sessionOf(voice: false | undefined): Promise<SessionInfo> {
    const parley = createParleyServer({ bot: acme.bot, botName: 'Acme', log: pino({ level: 'silent' }), ...(voice === false ? { voice } : {}) });
    await new Promise<void>((resolve) => parley.listen(0, '127.0.0.1', resolve));
    const socket = io(`http://127.0.0.1:${(parley.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      return await new Promise<SessionInfo>((resolve) => socket.once('session', resolve));
    } finally {
      socket.close();
      await parley.web?.stop();
      await new Promise((resolve) => parley.close(resolve));
    }
  }

  it('tells the widget that the server takes spoken turns (the microphone shows), and not when voice is off', async () => {
    expect((await sessionOf(undefined)).voice).toEqual({ sampleRate: 16_000 });
    expect((await sessionOf(false)).voice).toBeUndefined();
  });
});
