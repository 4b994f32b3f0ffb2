import type { LanguageModel } from '../../engine/llm/language-model.ts';
import type { CorpusCall, ModelCorpusSample } from './model-corpus.ts';

/** One evaluated sample, for the model card's examples and the misses. */
export interface ModelCorpusOutcome {
  text: string;
  intent: string | null;
  expected: CorpusCall | null;
  got: CorpusCall | null;
  reply: string;
  intentOk: boolean;
  exact: boolean;
}

/** What {@link evaluateModelOnCorpus} measured. */
export interface ModelCorpusReport {
  n: number;
  /** The model called the intent's tool (or, for an off-topic message, none). */
  intent_accuracy: number;
  /** The model made exactly the expected call with exactly the expected arguments (or none, and answered). */
  exact_call_accuracy: number;
  outcomes: ModelCorpusOutcome[];
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
}

/**
 * Replays held-out samples — the runtime's own messages and tools for turns whose phrasings the model
 * never saw — through a model with greedy decoding, and scores its first call against the label.
 */
export async function evaluateModelOnCorpus(
  model: LanguageModel,
  samples: readonly ModelCorpusSample[],
  onProgress: (fraction: number) => void = () => {},
): Promise<ModelCorpusReport> {
  const outcomes: ModelCorpusOutcome[] = [];
  for (const [i, sample] of samples.entries()) {
    onProgress(i / samples.length);
    if (!sample.messages) continue;
    let got: CorpusCall | null = null;
    let reply = '';
    for await (const event of model.stream({ messages: sample.messages, ...(sample.tools ? { tools: sample.tools } : {}), temperature: 0, maxTokens: 80 })) {
      if (event.type === 'tool-call' && !got) got = { name: event.name, arguments: event.arguments };
      if (event.type === 'text-delta') reply += event.delta;
    }
    const expected = sample.call;
    const intentOk = expected ? got?.name === expected.name : got === null;
    const exact = expected ? intentOk && sameJson(got?.arguments ?? {}, expected.arguments) : got === null && reply.trim().length > 0;
    outcomes.push({ text: sample.text, intent: sample.intent, expected, got, reply: reply.trim(), intentOk, exact });
  }
  onProgress(1);
  const n = outcomes.length;
  return {
    n,
    intent_accuracy: n === 0 ? 0 : outcomes.filter((o) => o.intentOk).length / n,
    exact_call_accuracy: n === 0 ? 0 : outcomes.filter((o) => o.exact).length / n,
    outcomes,
  };
}
