import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reference, tinyLlamaDir } from '../engine/llm/onnx/tiny-llama.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { type BrowserDecoderSite, serveBrowserDecoder } from '../support/serve-browser-decoder.ts';

interface PageDecoder {
  createBrowserDecoder(options: unknown): Promise<{ greedy(ids: number[], max: number, stops: number[]): Promise<{ ids: number[] }> }>;
}

const starterDir = fileURLToPath(new URL('../../models/starter', import.meta.url));

describe('the decoder in the browser (onnxruntime-web, WebAssembly)', () => {
  let site: BrowserDecoderSite;
  let browser: TestBrowser;
  let page: Page;
  const config = JSON.parse(readFileSync(`${tinyLlamaDir}/config.json`, 'utf8')) as Record<string, unknown>;
  beforeAll(async () => {
    site = await serveBrowserDecoder({ tiny: tinyLlamaDir, starter: starterDir });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => 'decoder' in window);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  test('reproduces the PyTorch reference token for token with the same KV-cache decoder as Node', async () => {
    for (const p of reference.prompts) {
      const ids = await page.evaluate(
        async ({ promptIds, max, config, stops }) => {
          const d = (window as unknown as { decoder: PageDecoder }).decoder;
          const decoder = await d.createBrowserDecoder({ modelUrl: '/models/tiny/onnx/model.onnx', config, device: 'wasm', wasmPaths: '/ort/' });
          return (await decoder.greedy(promptIds, max, stops)).ids;
        },
        { promptIds: p.promptIds, max: p.continuationIds.length, config, stops: [] as number[] },
      );
      expect(ids).toEqual(p.continuationIds);
    }
  });

  test('grows the cache from the new_key_values outputs of the starter model and matches its PyTorch reference', async () => {
    const starter = JSON.parse(readFileSync(`${starterDir}/reference.json`, 'utf8')) as { prompts: Array<{ promptIds: number[]; continuationIds: number[] }> };
    const starterConfig = JSON.parse(readFileSync(`${starterDir}/config.json`, 'utf8')) as Record<string, unknown>;
    for (const p of starter.prompts) {
      const ids = await page.evaluate(
        async ({ promptIds, max, config }) => {
          const d = (window as unknown as { decoder: PageDecoder }).decoder;
          const decoder = await d.createBrowserDecoder({ modelUrl: '/models/starter/onnx/model.onnx', config, device: 'wasm', wasmPaths: '/ort/' });
          return (await decoder.greedy(promptIds, max, [])).ids;
        },
        { promptIds: p.promptIds, max: p.continuationIds.length, config: starterConfig },
      );
      expect(ids).toEqual(p.continuationIds);
    }
  });

  test('refuses WebGPU clearly where the browser has no GPU adapter', async () => {
    const message = await page.evaluate(async (config) => {
      const d = (window as unknown as { decoder: PageDecoder }).decoder;
      try {
        await d.createBrowserDecoder({ modelUrl: '/models/tiny/onnx/model.onnx', config, device: 'webgpu', wasmPaths: '/ort/' });
        return 'loaded';
      } catch (error) {
        return (error as Error).message;
      }
    }, config);
    expect(message).toMatch(/webgpu.*WebGPU.*"wasm"/);
  });
});
