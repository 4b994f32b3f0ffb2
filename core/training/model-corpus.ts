import type { ChatMessage, ToolDefinition } from '../../engine/llm/language-model.ts';

/** A tool call the model should write. */
export interface CorpusCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** One training or evaluation example: the prompt exactly as the runtime renders it, and the answer to learn. */
export interface ModelCorpusSample {
  /** `train` for training; `heldout` for phrasings kept out of training, to evaluate on. */
  split: 'train' | 'heldout';
  /** The intent the user's last message expresses; null for an off-topic message. */
  intent: string | null;
  /** The call the model should make, or null when it should answer in words. */
  call: CorpusCall | null;
  /** The words it should answer with when it makes no call. */
  reply: string | null;
  /** The user's last message. */
  text: string;
  /** The chat template applied to `messages` and `tools`, ending with the generation prompt. */
  prompt: string;
  /** The model's answer as the template renders it, ending with the end-of-turn token. */
  completion: string;
  /** The runtime's messages and tools for this turn (held-out samples only: the evaluation replays them). */
  messages?: ChatMessage[];
  tools?: ToolDefinition[];
}

/** A generated corpus and what the trainer needs to build a tokenizer and model around it. */
export interface ModelCorpus {
  botName: string;
  /** Hash of what the corpus is generated from (the bot's examples and tools, the options): see `modelCorpusKey`. */
  key: string;
  chatTemplate: string;
  specialTokens: ReadonlyArray<{ content: string; special: boolean }>;
  samples: ModelCorpusSample[];
  /** Counts for the model card. */
  stats: { intents: number; trainPhrasings: number; heldOutPhrasings: number; folds: number; fullReadingShare: number; unfamiliarWordsShare: number };
}
