import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOnnxLanguageModel } from '../../../../engine/llm/onnx/create-onnx-language-model.ts';
import type { ModelDownloadProgress } from '../../../../engine/llm/onnx/model-download-progress.ts';
import { createDownloadProgress } from '../../../../engine/llm/onnx/download-progress.ts';
import { collect, referencePrompt, textOf, tinyLlamaDir } from './tiny-llama.ts';

/** Serves the fixture directory the way the Hugging Face hub does: /{model}/resolve/{revision}/{file}, with ranges. */
function startHub(requests: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const match = /^\/acme\/tiny-llama\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    const file = match ? path.join(tinyLlamaDir, decodeURIComponent(match[1]!)) : '';
    if (!match || !file.startsWith(tinyLlamaDir) || !existsSync(file)) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    const body = readFileSync(file);
    if (req.headers.range === 'bytes=0-0') {
      res
        .writeHead(206, { 'content-range': `bytes 0-0/${body.length}`, 'content-length': 1 })
        .end(body.subarray(0, 1));
      return;
    }
    res
      .writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' })
      .end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('loading by hub id (from a local server in the hub URL layout; never the internet)', () => {
  const requests: string[] = [];
  let server: Server;
  let host: string;
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'parley-hub-'));
  beforeAll(async () => {
    server = await startHub(requests);
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('downloads the files with progress into the cache and generates the reference reply', async () => {
    const progress: ModelDownloadProgress[] = [];
    const model = await createOnnxLanguageModel({
      hub: { id: 'acme/tiny-llama', host, cacheDir },
      onProgress: (p) => progress.push(p),
    });
    try {
      expect(model.modelId).toBe('acme/tiny-llama');
      const fetched = requests.filter((r) => r.startsWith('GET')).map((r) => r.split('/').slice(5).join('/'));
      expect(fetched).toEqual(
        expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']),
      );
      const modelFile = progress.filter((p) => p.file === 'onnx/model.onnx');
      expect(modelFile.at(-1)).toMatchObject({ done: true });
      const size = readFileSync(`${tinyLlamaDir}/onnx/model.onnx`).length;
      expect(modelFile.some((p) => !p.done && p.totalBytes === size)).toBe(true);
      expect(existsSync(path.join(cacheDir, 'acme', 'tiny-llama', 'onnx', 'model.onnx'))).toBe(true);
      const greedy = referencePrompt('no-tools');
      const events = await collect(model.stream({ messages: greedy.messages, maxTokens: 24 }));
      expect(textOf(events)).toBe(greedy.continuationText);
    } finally {
      await model.close();
    }
  });

  test('an unknown hub id fails with ModelLoadError', async () => {
    await expect(
      createOnnxLanguageModel({ hub: { id: 'acme/missing', host, cacheDir }, onProgress: () => {} }),
    ).rejects.toMatchObject({ name: 'ModelLoadError', model: 'acme/missing' });
  });

  test('the default progress sink draws one bar line and ends it when every file is done', () => {
    const written: string[] = [];
    const bar = createDownloadProgress({
      write: (chunk: string) => written.push(chunk),
    } as unknown as NodeJS.WritableStream);
    bar({ file: 'config.json', loadedBytes: 500, totalBytes: 1_000_000, done: false });
    bar({ file: 'onnx/model.onnx', loadedBytes: 1_000_000, totalBytes: 3_000_000, done: false });
    expect(written.at(-1)).toBe('\rdownloading [######------------------]  25% 1.0/4.0 MB (0/2 files)');
    bar({ file: 'config.json', loadedBytes: 0, totalBytes: 0, done: true });
    bar({ file: 'onnx/model.onnx', loadedBytes: 0, totalBytes: 0, done: true });
    expect(written.at(-1)).toBe('\rdownloading [########################] 100% 4.0/4.0 MB (2/2 files)\n');
  });
});
