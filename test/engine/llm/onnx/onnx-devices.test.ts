import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createOnnxLanguageModel,
  type OnnxLanguageModel,
} from '../../../../engine/llm/onnx/create-onnx-language-model.ts';
import { collect, finishOf, helloMessages, tinyLlamaDir } from './tiny-llama.ts';

describe('execution providers', () => {
  let auto: OnnxLanguageModel;
  beforeAll(async () => {
    auto = await createOnnxLanguageModel({
      modelDir: tinyLlamaDir,
      device: 'auto',
      autoDevices: ['cuda', 'cpu'],
    });
  });
  afterAll(() => auto.close());

  test('an explicit "cuda" without the CUDA provider libraries fails with a clear error', async () => {
    await expect(createOnnxLanguageModel({ modelDir: tinyLlamaDir, device: 'cuda' })).rejects.toMatchObject({
      name: 'ExecutionProviderUnavailableError',
      device: 'cuda',
      retryable: false,
      message: expect.stringMatching(
        /device 'cuda' is not available here: .*CUDA provider libraries are not installed.*ONNXRUNTIME_NODE_INSTALL=cuda12/,
      ),
    });
  });

  test('an explicit "webgpu" on a machine without an adapter names what is missing', async () => {
    const outcome = await createOnnxLanguageModel({ modelDir: tinyLlamaDir, device: 'webgpu' }).then(
      (model) => model.close().then(() => 'loaded'),
      (error: unknown) => error,
    );
    // A machine with a GPU and Vulkan loads it; anywhere else the error names the adapter.
    if (outcome !== 'loaded') {
      expect(outcome).toMatchObject({
        name: 'ExecutionProviderUnavailableError',
        device: 'webgpu',
        missing: expect.stringMatching(/WebGPU adapter/),
      });
    }
  });

  test('"auto" falls back along our own list and reports what it skipped', async () => {
    expect(auto.device).toBe('cpu');
    expect(auto.triedDevices).toEqual([
      { device: 'cuda', error: expect.stringMatching(/CUDA provider libraries/) },
    ]);
    expect(
      finishOf(await collect(auto.stream({ messages: helloMessages, maxTokens: 5 }))).reason,
    ).toBeDefined();
  });

  test('a directory that is not a model fails with ModelLoadError naming the missing file', async () => {
    await expect(createOnnxLanguageModel({ modelDir: `${tinyLlamaDir}/onnx` })).rejects.toMatchObject({
      name: 'ModelLoadError',
      message: expect.stringMatching(/config\.json is missing/),
    });
  });
});
