import type { Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { createOnnxLanguageModel } from '../../../../engine/llm/onnx/create-onnx-language-model.ts';
import { startDecodingWorker } from '../../../../engine/llm/onnx/onnx-worker-client.ts';
import { collect, helloMessages, textOf, tinyLlamaDir } from './tiny-llama.ts';

describe('a decoding worker that dies', () => {
  test('fails the generation in flight as retryable, and the next one runs on a fresh worker', async () => {
    const workers: Worker[] = [];
    const model = await createOnnxLanguageModel({
      modelDir: tinyLlamaDir,
      maxRestarts: 1,
      startWorker: () => {
        const worker = startDecodingWorker();
        workers.push(worker);
        return worker;
      },
    });
    try {
      const reference = textOf(await collect(model.stream({ messages: helloMessages, maxTokens: 16 })));
      const killed = collect(model.stream({ messages: helloMessages, maxTokens: 400, temperature: 1, seed: 3 }));
      while (model.activity().running === 0) await new Promise((resolve) => setImmediate(resolve));
      await workers[0]!.terminate();
      await expect(killed).rejects.toMatchObject({ name: 'GenerationFailedError', retryable: true, message: expect.stringMatching(/worker exited/) });

      expect(textOf(await collect(model.stream({ messages: helloMessages, maxTokens: 16 })))).toBe(reference);
      expect(workers).toHaveLength(2);
      expect(model.activity()).toMatchObject({ running: 0, restarts: 1 });

      await workers[1]!.terminate();
      await expect(collect(model.stream({ messages: helloMessages, maxTokens: 16 }))).rejects.toMatchObject({ name: 'GenerationFailedError' });
      expect(workers).toHaveLength(2);
    } finally {
      await model.close();
    }
  });
});
