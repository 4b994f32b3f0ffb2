import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoModelForCausalLM, env, Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChatMessage, ToolDefinition } from '../../engine/llm/language-model.ts';
import { createOnnxLanguageModel, type OnnxLanguageModel } from '../../engine/llm/onnx/create-onnx-language-model.ts';
import type { DecodeEvent } from '../../engine/llm/onnx/decode-tokens.ts';
import { OnnxGenerator } from '../../engine/llm/onnx/onnx-generator.ts';
import { renderChatTemplate } from '../../engine/llm/render-chat-template.ts';
import { starterChatTemplate } from '../../engine/llm/training/starter-chat-template.ts';
import { loadAcme } from '../support/load-acme.ts';

const starterDir = fileURLToPath(new URL('../../models/starter', import.meta.url));
const reference = JSON.parse(readFileSync(join(starterDir, 'reference.json'), 'utf8')) as {
  eosTokenIds: number[];
  prompts: Array<{ text: string; messages: ChatMessage[]; tools: ToolDefinition[]; prompt: string; promptIds: number[]; continuationIds: number[] }>;
};

function sizeOf(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    return sum + (statSync(path).isDirectory() ? sizeOf(path) : statSync(path).size);
  }, 0);
}

describe('the shipped starter model (models/starter)', () => {
  let generator: OnnxGenerator;
  beforeAll(async () => {
    generator = await OnnxGenerator.load({ modelDir: starterDir, device: 'cpu', autoDevices: [], intraOpThreads: 1 });
  });

  test('is at most 30 MB on disk and carries the chat template parley renders its corpus with', () => {
    expect(sizeOf(starterDir)).toBeLessThanOrEqual(30 * 1024 * 1024);
    const config = JSON.parse(readFileSync(join(starterDir, 'tokenizer_config.json'), 'utf8')) as { chat_template: string };
    expect(config.chat_template).toBe(starterChatTemplate);
  });

  for (const [i, p] of reference.prompts.entries()) {
    test(`reference ${i} ("${p.text}"): the runtime renders and tokenizes the prompt the trainer learned from`, () => {
      expect(renderChatTemplate(starterChatTemplate, p.messages, p.tools)).toBe(p.prompt);
      expect(generator.promptIds({ messages: p.messages, tools: p.tools })).toEqual(p.promptIds);
    });

    test(`reference ${i}: greedy decoding with the KV cache equals the PyTorch ids of the shipped weights`, async () => {
      const events: DecodeEvent[] = [];
      for await (const event of generator.decode(p.promptIds, { maxTokens: 48, temperature: 0, topP: 1, seed: 0, stop: [] }, () => false)) events.push(event);
      const ids = events.flatMap((e) => (e.type === 'token' ? [e.id] : []));
      const end = p.continuationIds.findIndex((id) => generator.model.vocabulary.isSpecial(id));
      expect(ids).toEqual(end >= 0 ? p.continuationIds.slice(0, end) : p.continuationIds);
    });
  }

  test('loads in transformers.js too, which ignores the extra new_key_values outputs and writes the same greedy ids', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${dirname(starterDir)}/`;
    const model = await AutoModelForCausalLM.from_pretrained(basename(starterDir), { local_files_only: true });
    try {
      for (const p of reference.prompts) {
        const length = p.promptIds.length;
        const out = (await model.generate({
          input_ids: new Tensor('int64', BigInt64Array.from(p.promptIds, BigInt), [1, length]),
          attention_mask: new Tensor('int64', new BigInt64Array(length).fill(1n), [1, length]),
          max_new_tokens: p.continuationIds.length,
          do_sample: false,
          eos_token_id: [],
        })) as Tensor;
        expect(Array.from(out.data as BigInt64Array, Number).slice(length)).toEqual(p.continuationIds);
      }
    } finally {
      await model.dispose();
    }
  });
});

describe('the demo with the starter model', () => {
  let model: OnnxLanguageModel;
  beforeAll(async () => {
    model = await createOnnxLanguageModel({ modelDir: starterDir });
  });
  afterAll(() => model.close());

  test('answers a long, rambling order question the classifier abstains on through the model, and looks the order up', async () => {
    const { bot } = await loadAcme({ model });
    const text = 'grandma keeps phoning about 40211, she reckons the postman skipped her';
    // Its chatty words read as off-topic to the classifier, but the order number keeps it for the model.
    expect(bot.classifier.classify(text)).toMatchObject({ intent: null, outOfScope: true, offTopic: true });
    const result = await bot.handle({ id: 't1', conversationId: 'c1', user: { id: 'u', verified: false }, channel: 'test', text, locale: 'en', timestamp: 0 });
    expect(result.route).toBe('model');
    expect(result.intent).toBe('order_status');
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'command-start', name: 'get_order_status', args: { order_id: '40211' } }));
    await bot.close();
  });
});
