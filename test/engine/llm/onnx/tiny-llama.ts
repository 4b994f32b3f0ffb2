import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  ChatMessage,
  LanguageModelEvent,
  ToolDefinition,
} from '../../../../engine/llm/language-model.ts';
import { createTokenizerVocabulary } from '../../../../engine/llm/onnx/tokenizer-vocabulary.ts';

/** The fixture model directory built by test/fixtures/tiny-llama/build-fixture-model.py. */
export const tinyLlamaDir = fileURLToPath(new URL('../../../fixtures/tiny-llama', import.meta.url));

/** One prompt of reference.json with the greedy continuation PyTorch computed. */
export interface ReferencePrompt {
  name: string;
  messages: ChatMessage[];
  tools: Array<{ type: 'function'; function: ToolDefinition }> | null;
  prompt: string;
  promptIds: number[];
  continuationIds: number[];
  /** The continuation's ids up to the first special token (where parley's decoder stops). */
  replyIds: number[];
  /** The text of `replyIds`. */
  continuationText: string;
}

type ScriptMessage = ChatMessage & {
  tool_calls?: Array<{ name: string; arguments: Record<string, unknown> }>;
};
const raw = JSON.parse(readFileSync(`${tinyLlamaDir}/reference.json`, 'utf8')) as {
  eosTokenIds: number[];
  prompts: Array<Omit<ReferencePrompt, 'messages'> & { messages: ScriptMessage[] }>;
};

/** The fixture's vocabulary (704 logits, 681 tokens). */
export const tinyLlamaVocabulary = createTokenizerVocabulary(
  JSON.parse(readFileSync(`${tinyLlamaDir}/tokenizer.json`, 'utf8')),
  {
    size: 704,
  },
);

/** The text token ids write. */
export const decodeIds = (ids: readonly number[]) =>
  Buffer.concat(ids.map((id) => tinyLlamaVocabulary.bytes(id))).toString('utf8');

/** reference.json of the fixture, its messages in parley's ChatMessage shape. */
export const reference: { eosTokenIds: number[]; prompts: ReferencePrompt[] } = {
  eosTokenIds: raw.eosTokenIds,
  prompts: raw.prompts.map((p) => {
    const end = p.continuationIds.findIndex((id) => tinyLlamaVocabulary.isSpecial(id));
    const replyIds = end >= 0 ? p.continuationIds.slice(0, end) : p.continuationIds;
    return {
      ...p,
      messages: p.messages.map(({ tool_calls, ...m }) => (tool_calls ? { ...m, toolCalls: tool_calls } : m)),
      replyIds,
      continuationText: decodeIds(replyIds),
    };
  }),
};

/** A reference prompt by name. */
export function referencePrompt(name: string): ReferencePrompt {
  const found = reference.prompts.find((p) => p.name === name);
  if (!found) throw new Error(`no reference prompt ${name}`);
  return found;
}

/** The Acme get_order_status tool, as the fixture was trained with it. */
export const getOrderStatusTool: ToolDefinition = referencePrompt('tool-call').tools![0]!.function;

/** A short Acme conversation without tools. */
export const helloMessages: ChatMessage[] = [
  { role: 'system', content: 'You are the Acme store assistant.' },
  { role: 'user', content: 'hello' },
];

/** All events of a stream. */
export async function collect(stream: AsyncIterable<LanguageModelEvent>): Promise<LanguageModelEvent[]> {
  const events: LanguageModelEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** Concatenated text deltas of `events`. */
export const textOf = (events: readonly LanguageModelEvent[]) =>
  events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');

/** The finish event of `events`. */
export function finishOf(
  events: readonly LanguageModelEvent[],
): Extract<LanguageModelEvent, { type: 'finish' }> {
  const last = events.at(-1);
  if (last?.type !== 'finish') throw new Error(`stream did not end with finish: ${JSON.stringify(last)}`);
  return last;
}
