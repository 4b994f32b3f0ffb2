import { beforeAll, describe, expect, test } from 'vitest';
import { generateModelCorpus, modelCorpusKey, modelCorpusKeyOf } from '../../../core/training/generate-model-corpus.ts';
import { loadAcme } from '../../support/load-acme.ts';
import type { ModelCorpus } from '../../../core/training/model-corpus.ts';
import { renderChatTemplate } from '../../../engine/llm/render-chat-template.ts';
import { starterChatTemplate } from '../../../engine/llm/training/starter-chat-template.ts';
import { createSeededRandom } from '../../../engine/nlu/seeded-random.ts';
import { varyUtterance } from '../../../core/training/vary-utterance.ts';

describe('the model corpus generated from the Acme skills', () => {
  let corpus: ModelCorpus;
  beforeAll(async () => {
    corpus = await generateModelCorpus({ botDir: 'examples/acme', conversations: 240, heldOutVariants: 2 });
  }, 60_000);

  test('renders every held-out prompt exactly as the runtime does from the messages and tools it sent the model', () => {
    const heldOut = corpus.samples.filter((s) => s.split === 'heldout');
    expect(heldOut.length).toBeGreaterThan(100);
    for (const s of heldOut) {
      expect(renderChatTemplate(starterChatTemplate, s.messages!, s.tools!)).toBe(s.prompt);
      expect(s.messages![0]!.content).toMatch(/Classifier reading of the last message: intents /);
    }
  });

  test('keeps the held-out phrasings out of training', () => {
    const heldOutPhrasings = new Set(corpus.samples.filter((s) => s.split === 'heldout').map((s) => s.text.toLowerCase()));
    const leaked = corpus.samples.filter((s) => s.split === 'train' && heldOutPhrasings.has(s.text.toLowerCase()) && s.intent !== null);
    expect(leaked).toEqual([]);
  });

  test('labels each turn with its intent tool and the entities the user gave, or an answer for off-topic messages', () => {
    const train = corpus.samples.filter((s) => s.split === 'train');
    const withId = train.filter((s) => s.intent === 'order_status' && /\b\d{5}\b/.test(s.text));
    expect(withId.length).toBeGreaterThanOrEqual(3);
    for (const s of withId) {
      expect(s.call).toEqual({ name: 'get_order_status', arguments: { order_id: s.text.match(/\b(\d{5})\b/)![1] } });
      expect(s.completion).toBe(`<tool_call>\n{"name": "get_order_status", "arguments": {"order_id": "${s.call!.arguments.order_id}"}}\n</tool_call><|im_end|>`);
    }
    const offTopic = train.filter((s) => s.intent === null);
    expect(offTopic.length).toBeGreaterThan(5);
    for (const s of offTopic) {
      expect(s.call).toBeNull();
      expect(s.completion).toMatch(/^Sorry, I can't help with that\. I can help with order status, returns.*<\|im_end\|>$/);
    }
    expect(new Set(train.map((s) => s.call?.name)).size).toBeGreaterThanOrEqual(10);
    expect(train.some((s) => s.prompt.split('<|im_start|>user').length > 2)).toBe(true);
  });

  test('carries the key of what it was generated from, which changes with the options and the examples', async () => {
    expect(corpus.key).toBe(await modelCorpusKeyOf({ botDir: 'examples/acme', conversations: 240, heldOutVariants: 2 }));
    expect(corpus.key).not.toBe(await modelCorpusKeyOf({ botDir: 'examples/acme', conversations: 241, heldOutVariants: 2 }));
    const { bot } = await loadAcme();
    const registry = bot.registry;
    await bot.close();
    const changed = { ...registry, examples: () => [...registry.examples(), { text: 'where did my parcel go', intent: 'order_status' }] };
    expect(modelCorpusKey(changed, { botDir: 'x', conversations: 240, heldOutVariants: 2 })).not.toBe(corpus.key);
    expect(modelCorpusKey(registry, { botDir: 'x', conversations: 240, heldOutVariants: 2 })).toBe(corpus.key);
  });

  test('is the same for the same seed', async () => {
    const again = await generateModelCorpus({ botDir: 'examples/acme', conversations: 240, heldOutVariants: 2 });
    expect(again.samples.map((s) => s.prompt + s.completion)).toEqual(corpus.samples.map((s) => s.prompt + s.completion));
  }, 60_000);
});

describe('varyUtterance', () => {
  const entities = {
    order_id: { kind: 'regex' as const, pattern: /(?<!\d)\d{5}(?!\d)/ },
    city: { kind: 'lookup' as const, values: { Chicago: ['chi-town'], Boston: [], Austin: [] } },
  };

  test('keeps the kind of every entity value while changing the value, the wording around it and the case', () => {
    const rng = createSeededRandom(3);
    const variants = Array.from({ length: 60 }, () => varyUtterance('is order 12345 in the Chicago store', entities, rng));
    for (const v of variants) expect(v).toMatch(/(?<!\d)\d{5}(?!\d)/);
    // The odd typo may land on the city's name; the label is read from the varied text, so it stays right.
    expect(variants.filter((v) => /chicago|chi-town|boston|austin/i.test(v)).length).toBeGreaterThan(50);
    expect(new Set(variants.map((v) => v.match(/\d{5}/)![0])).size).toBeGreaterThan(50);
    expect(variants.some((v) => /boston|austin/i.test(v))).toBe(true);
    expect(new Set(variants).size).toBeGreaterThan(55);
  });
});
