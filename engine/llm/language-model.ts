/** A chat message given to a language model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** For role "tool": the name of the tool whose result this is. */
  name?: string;
  /** For role "assistant": the tool calls this turn made (rendered by the chat template as the model writes them). */
  toolCalls?: ReadonlyArray<{ name: string; arguments: Record<string, unknown> }>;
}

/** A tool (skill command) the model may call, with its JSON Schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

/** Token counts and stage timings of one generation. */
export interface GenerationUsage {
  inputTokens: number;
  outputTokens: number;
  /** Milliseconds to the first token. */
  firstTokenMs?: number;
  /** Milliseconds of the whole generation. */
  totalMs?: number;
}

/** One event of a model's stream. */
export type LanguageModelEvent =
  | { type: 'text-delta'; delta: string }
  | { type: 'tool-call'; name: string; arguments: Record<string, unknown> }
  | { type: 'finish'; reason: 'stop' | 'length' | 'tool-calls' | 'abort'; usage: GenerationUsage };

/** Options of one generation call. */
export interface GenerateOptions {
  messages: readonly ChatMessage[];
  tools?: readonly ToolDefinition[];
  /** Upper bound on generated tokens. Default is the backend's. */
  maxTokens?: number;
  /** 0 means greedy decoding. */
  temperature?: number;
  stop?: readonly string[];
  /** Nucleus sampling mass in (0, 1]. Default 1. */
  topP?: number;
  /** Seed for sampling; the same seed and input give the same output. */
  seed?: number;
  /** "auto" (default): the model may answer or call a tool; "required": it must call one; "none": no calls. */
  toolChoice?: 'auto' | 'required' | 'none';
  /** Aborting ends the stream within one decoding step. */
  signal?: AbortSignal;
}

/** A generator of replies and tool calls. Backends: onnx (in-process), openai (HTTP). */
export interface LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  stream(options: GenerateOptions): AsyncIterable<LanguageModelEvent>;
}
