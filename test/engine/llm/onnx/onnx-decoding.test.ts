import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createOnnxLanguageModel,
  type OnnxLanguageModel,
} from '../../../../engine/llm/onnx/create-onnx-language-model.ts';
import { collect, finishOf, helloMessages, textOf, tinyLlamaDir } from './tiny-llama.ts';

describe('onnx decoding: streaming, stop sequences, maxTokens, sampling', () => {
  let model: OnnxLanguageModel;
  let greedy: string;
  beforeAll(async () => {
    model = await createOnnxLanguageModel({ modelDir: tinyLlamaDir, device: 'cpu' });
    greedy = textOf(await collect(model.stream({ messages: helloMessages, maxTokens: 40 })));
  });
  afterAll(() => model.close());

  test('runs on the "cpu" execution provider', () => {
    expect(model.device).toBe('cpu');
    expect(model.triedDevices).toEqual([]);
  });

  test('streams a reply as several text deltas that add up to the whole text', async () => {
    const events = await collect(model.stream({ messages: helloMessages, maxTokens: 40 }));
    const deltas = events.filter((e) => e.type === 'text-delta');
    expect(deltas.length).toBeGreaterThanOrEqual(3);
    expect(textOf(events)).toBe(greedy);
    expect(greedy.length).toBeGreaterThan(10);
    const { usage } = finishOf(events);
    expect(usage.outputTokens).toBeGreaterThanOrEqual(deltas.length);
    expect(usage.firstTokenMs).toBeGreaterThan(0);
    expect(usage.totalMs).toBeGreaterThanOrEqual(usage.firstTokenMs!);
  });

  test('a stop sequence ends the reply before it, and is never shown', async () => {
    const stop = greedy.slice(6, 10);
    const events = await collect(model.stream({ messages: helloMessages, maxTokens: 40, stop: [stop] }));
    expect(textOf(events)).toBe(greedy.slice(0, greedy.indexOf(stop)));
    expect(finishOf(events).reason).toBe('stop');
  });

  test('a stop sequence that never completes releases the held-back text at the end', async () => {
    const stop = `${greedy.slice(-3)}#never`;
    const events = await collect(model.stream({ messages: helloMessages, maxTokens: 40, stop: [stop] }));
    expect(textOf(events)).toBe(greedy);
  });

  test('maxTokens cuts the reply with reason "length"', async () => {
    const events = await collect(model.stream({ messages: helloMessages, maxTokens: 3 }));
    const finish = finishOf(events);
    expect(finish.reason).toBe('length');
    expect(finish.usage.outputTokens).toBe(3);
    expect(greedy.startsWith(textOf(events))).toBe(true);
    expect(textOf(events).length).toBeLessThan(greedy.length);
  });

  test('the same seed gives the same sample; other seeds give other samples', async () => {
    const sample = async (seed: number) =>
      textOf(await collect(model.stream({ messages: helloMessages, maxTokens: 24, temperature: 1.5, seed })));
    const first = await sample(7);
    expect(await sample(7)).toBe(first);
    const others = await Promise.all([8, 9, 10, 11].map(sample));
    expect(others.some((text) => text !== first)).toBe(true);
  });

  test('top-p keeps only the likeliest tokens: a tiny nucleus samples the greedy reply', async () => {
    const events = await collect(
      model.stream({ messages: helloMessages, maxTokens: 40, temperature: 1.5, topP: 1e-6, seed: 3 }),
    );
    expect(textOf(events)).toBe(greedy);
  });

  test('a prompt longer than the model reads is rejected naming the messages', async () => {
    const long = [{ role: 'user' as const, content: '7 '.repeat(2100) }];
    await expect(collect(model.stream({ messages: long }))).rejects.toMatchObject({
      name: 'InputError',
      field: 'messages',
      message: expect.stringMatching(/the model reads at most 2048/),
    });
  });

  test('rejects invalid options naming the field', async () => {
    await expect(collect(model.stream({ messages: helloMessages, maxTokens: 0 }))).rejects.toMatchObject({
      name: 'InputError',
      field: 'maxTokens',
    });
    await expect(collect(model.stream({ messages: helloMessages, topP: 1.5 }))).rejects.toMatchObject({
      name: 'InputError',
      field: 'topP',
    });
  });
});
