import type { ChatMessage, ToolDefinition } from '../language-model.ts';

/** One generation as the decoding worker receives it: GenerateOptions resolved to plain data. */
export interface GenerationRequest {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  maxTokens: number;
  /** 0: greedy. */
  temperature: number;
  topP: number;
  seed: number;
  stop: string[];
  toolChoice: 'auto' | 'required' | 'none';
  /** Tool-call format to use instead of the detected one. */
  toolCallFormat?: 'hermes' | 'llama3' | 'mistral';
}
