import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createOnnxLanguageModel,
  type OnnxLanguageModel,
} from '../../../../engine/llm/onnx/create-onnx-language-model.ts';
import { decodeTokens } from '../../../../engine/llm/onnx/decode-tokens.ts';
import type { Vocabulary } from '../../../../engine/llm/vocabulary.ts';
import { collect, finishOf, helloMessages, tinyLlamaDir } from './tiny-llama.ts';

describe('aborting a generation', () => {
  let model: OnnxLanguageModel;
  // A long sampled run: the longest of a few seeds at temperature 2.
  let long = { messages: helloMessages, maxTokens: 300, temperature: 2, seed: 0 };
  let fullLength = 0;
  beforeAll(async () => {
    model = await createOnnxLanguageModel({ modelDir: tinyLlamaDir, maxConcurrent: 8 });
    for (let seed = 1; seed <= 12 && fullLength < 40; seed++) {
      const length = finishOf(await collect(model.stream({ ...long, seed }))).usage.outputTokens;
      if (length > fullLength) [fullLength, long] = [length, { ...long, seed }];
    }
  });
  afterAll(() => model.close());

  test('mid-generation ends the stream with reason "abort" and keeps the tokens so far', async () => {
    expect(fullLength).toBeGreaterThan(20);
    // Other conversations decoding alongside slow this one down to a token every few steps, so the abort
    // surely lands before its natural end however late the main thread gets to it.
    const others = Array.from({ length: 6 }, (_, i) => collect(model.stream({ ...long, seed: 100 + i })));
    const controller = new AbortController();
    let deltas = 0;
    const events = [];
    for await (const event of model.stream({ ...long, signal: controller.signal })) {
      events.push(event);
      if (event.type === 'text-delta' && ++deltas === 2) controller.abort();
    }
    await Promise.all(others);
    const finish = finishOf(events);
    expect(finish.reason).toBe('abort');
    expect(finish.usage.outputTokens).toBeGreaterThanOrEqual(2);
    expect(finish.usage.outputTokens).toBeLessThan(fullLength);
  });

  test('a signal aborted before the call finishes at once without decoding', async () => {
    const events = await collect(model.stream({ ...long, signal: AbortSignal.abort() }));
    expect(events).toHaveLength(1);
    expect(finishOf(events)).toMatchObject({ reason: 'abort', usage: { outputTokens: 0 } });
  });

  test('leaving the loop early aborts the worker run and frees the slot', async () => {
    for await (const event of model.stream(long)) if (event.type === 'text-delta') break;
    await expect.poll(() => model.activity().running).toBe(0);
  });

  test('the loop stops right after the step during which the signal fired, without sampling from it', async () => {
    let aborted = false;
    let steps = 0;
    const vocabulary: Vocabulary = { size: 2, bytes: () => Uint8Array.of(0x61), isSpecial: () => false };
    const events = [];
    const run = decodeTokens({
      promptIds: [0],
      next: async () => {
        if (++steps === 3) aborted = true;
        return Float32Array.of(1, 0);
      },
      vocabulary,
      eosIds: new Set(),
      specialText: () => '',
      maxTokens: 100,
      temperature: 0,
      topP: 1,
      random: Math.random,
      stop: [],
      isAborted: () => aborted,
      now: () => 0,
    });
    for await (const event of run) events.push(event);
    expect(steps).toBe(3);
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'abort', usage: { outputTokens: 2 } });
  });
});
