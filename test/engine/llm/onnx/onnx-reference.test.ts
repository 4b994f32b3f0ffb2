import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createOnnxLanguageModel,
  type OnnxLanguageModel,
} from '../../../../engine/llm/onnx/create-onnx-language-model.ts';
import type { DecodeEvent } from '../../../../engine/llm/onnx/decode-tokens.ts';
import { OnnxGenerator } from '../../../../engine/llm/onnx/onnx-generator.ts';
import {
  collect,
  decodeIds,
  finishOf,
  reference,
  textOf,
  tinyLlamaDir,
  tinyLlamaVocabulary,
} from './tiny-llama.ts';

const vocabulary = tinyLlamaVocabulary;

describe('the onnx backend reproduces the PyTorch reference', () => {
  let generator: OnnxGenerator;
  let model: OnnxLanguageModel;
  beforeAll(async () => {
    generator = await OnnxGenerator.load({
      modelDir: tinyLlamaDir,
      device: 'cpu',
      autoDevices: [],
      intraOpThreads: 1,
    });
    model = await createOnnxLanguageModel({ modelDir: tinyLlamaDir });
  });
  afterAll(() => model.close());

  for (const p of reference.prompts) {
    test(`${p.name}: the chat template and tokenizer give the script's prompt ids`, () => {
      const tools = p.tools?.map((t) => t.function);
      expect(generator.promptIds({ messages: p.messages, ...(tools ? { tools } : {}) })).toEqual(p.promptIds);
    });

    test(`${p.name}: greedy decoding with the KV cache equals PyTorch token for token`, async () => {
      const events: DecodeEvent[] = [];
      const settings = { maxTokens: 24, temperature: 0, topP: 1, seed: 0, stop: [] };
      for await (const event of generator.decode(p.promptIds, settings, () => false)) events.push(event);
      const ids = events.flatMap((e) => (e.type === 'token' ? [e.id] : []));
      // Decoding ends at the first special token (end of turn, a chat marker); PyTorch's ids up to it must match.
      expect(ids).toEqual(p.replyIds);
      const stopped = p.replyIds.length < p.continuationIds.length;
      expect(events.at(-1)).toMatchObject({ type: 'finish', reason: stopped ? 'stop' : 'length' });
    });
  }

  test('the public stream writes the reference text of a reply without tools', async () => {
    const p = reference.prompts.find((r) => r.name === 'no-tools')!;
    const events = await collect(model.stream({ messages: p.messages, maxTokens: 24 }));
    expect(textOf(events)).toBe(p.continuationText);
    expect(finishOf(events).usage).toMatchObject({ inputTokens: p.promptIds.length });
  });

  test('the vocabulary maps the prompt ids back to the rendered prompt', () => {
    for (const p of reference.prompts) {
      const text = p.promptIds
        .map((id) => (vocabulary.isSpecial(id) ? '<special>' : decodeIds([id])))
        .join('');
      expect(text).toBe(p.prompt.replace(/<\|im_start\|>|<\|im_end\|>/g, '<special>'));
    }
  });
});
