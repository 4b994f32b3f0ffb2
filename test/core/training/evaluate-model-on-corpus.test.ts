import { describe, expect, test } from 'vitest';
import { evaluateModelOnCorpus } from '../../../core/training/evaluate-model-on-corpus.ts';
import type { ModelCorpusSample } from '../../../core/training/model-corpus.ts';
import { scriptedLanguageModel } from '../../support/scripted-language-model.ts';

const sample = (text: string, call: ModelCorpusSample['call']): ModelCorpusSample => ({
  split: 'heldout',
  intent: call ? 'order_status' : null,
  call,
  reply: call ? null : "Sorry, I can't help with that.",
  text,
  prompt: '',
  completion: '',
  messages: [{ role: 'user', content: text }],
  tools: [],
});

describe('evaluateModelOnCorpus', () => {
  test('scores the right tool as intent and only the exact arguments as an exact call; an answer without a call for off-topic', async () => {
    const { model } = scriptedLanguageModel((o) => {
      const text = o.messages.at(-1)?.content;
      if (text === 'order 12345') return { calls: [{ name: 'get_order_status', arguments: { order_id: '12345' } }] };
      if (text === 'order 54321') return { calls: [{ name: 'get_order_status', arguments: { order_id: '11111' } }] };
      if (text === 'poem please') return { chunks: ["Sorry, I can't"] };
      return { calls: [{ name: 'help', arguments: {} }] };
    });
    const report = await evaluateModelOnCorpus(model, [
      sample('order 12345', { name: 'get_order_status', arguments: { order_id: '12345' } }),
      sample('order 54321', { name: 'get_order_status', arguments: { order_id: '54321' } }),
      sample('poem please', null),
      sample('capital of peru', null),
    ]);
    expect(report).toMatchObject({ n: 4, intent_accuracy: 0.75, exact_call_accuracy: 0.5 });
    expect(report.outcomes[1]).toMatchObject({ intentOk: true, exact: false, got: { arguments: { order_id: '11111' } } });
    expect(report.outcomes[3]).toMatchObject({ intentOk: false, got: { name: 'help' } });
  });
});
