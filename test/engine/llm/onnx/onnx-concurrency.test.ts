import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createOnnxLanguageModel,
  type OnnxLanguageModel,
} from '../../../../engine/llm/onnx/create-onnx-language-model.ts';
import { GenerationAdmission } from '../../../../engine/llm/onnx/generation-admission.ts';
import { collect, finishOf, helloMessages, textOf, tinyLlamaDir } from './tiny-llama.ts';

describe('bounded concurrent generations', () => {
  let model: OnnxLanguageModel;
  beforeAll(async () => {
    model = await createOnnxLanguageModel({
      modelDir: tinyLlamaDir,
      maxConcurrent: 2,
      queueTimeoutMs: 60_000,
    });
  });
  afterAll(() => model.close());

  test('runs at most maxConcurrent at once, queues the rest, and all finish with their own replies', async () => {
    const alone = textOf(await collect(model.stream({ messages: helloMessages, maxTokens: 30 })));
    let mostRunning = 0;
    let mostWaiting = 0;
    const watch = setInterval(() => {
      const { running, waiting } = model.activity();
      mostRunning = Math.max(mostRunning, running);
      mostWaiting = Math.max(mostWaiting, waiting);
    }, 1);
    const runs = await Promise.all(
      Array.from({ length: 5 }, () => collect(model.stream({ messages: helloMessages, maxTokens: 30 }))),
    ).finally(() => clearInterval(watch));
    expect(mostRunning).toBe(2);
    expect(mostWaiting).toBeGreaterThanOrEqual(1);
    for (const events of runs) {
      expect(textOf(events)).toBe(alone);
      expect(finishOf(events).reason).not.toBe('abort');
    }
    expect(model.activity()).toEqual({ running: 0, waiting: 0, restarts: 0 });
  });
});

test('a generation that waits past its queue deadline fails with GenerationQueueTimeoutError; closing fails the rest', async () => {
  const model = await createOnnxLanguageModel({
    modelDir: tinyLlamaDir,
    maxConcurrent: 1,
    queueTimeoutMs: 1,
  });
  try {
    const first = collect(model.stream({ messages: helloMessages, maxTokens: 30 }));
    const second = collect(model.stream({ messages: helloMessages, maxTokens: 30 }));
    await expect(second).rejects.toMatchObject({
      name: 'GenerationQueueTimeoutError',
      retryable: true,
      maxConcurrent: 1,
    });
    expect(finishOf(await first).reason).not.toBe('abort');

    // Closing the model fails what is in flight with a clear error, and every later call.
    const inFlight = expect(
      collect(model.stream({ messages: helloMessages, maxTokens: 200, temperature: 2, seed: 1 })),
    ).rejects.toMatchObject({ name: 'GenerationFailedError', message: expect.stringMatching(/closed/) });
    await model.close();
    await inFlight;
    await expect(collect(model.stream({ messages: helloMessages }))).rejects.toMatchObject({
      name: 'GenerationFailedError',
    });
  } finally {
    await model.close();
  }
});

describe('GenerationAdmission', () => {
  const admission = (maxConcurrent: number, queueTimeoutMs = 10_000) =>
    new GenerationAdmission({ maxConcurrent, queueTimeoutMs, now: () => performance.now() });

  test('admits waiters in arrival order as slots free up', async () => {
    const gate = admission(1);
    const order: string[] = [];
    const release = await gate.acquire();
    const b = gate.acquire().then((r) => {
      order.push('b');
      return r;
    });
    const c = gate.acquire().then((r) => {
      order.push('c');
      return r;
    });
    expect(gate.waiting).toBe(2);
    release();
    (await b)();
    (await c)();
    expect(order).toEqual(['b', 'c']);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  test('an aborted waiter leaves the queue with the signal reason', async () => {
    const gate = admission(1);
    await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort(new Error('user left'));
    await expect(waiting).rejects.toThrow('user left');
    expect(gate.waiting).toBe(0);
  });

  test('the deadline error says how long it waited and how busy the model was', async () => {
    const gate = admission(1, 5);
    await gate.acquire();
    const error = await gate.acquire().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GenerationQueueTimeoutError', maxConcurrent: 1, queued: 1 });
    expect((error as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(4);
    expect((error as Error).message).toMatch(/waited \d+ ms for a free slot/);
  });
});
