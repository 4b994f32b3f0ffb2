/**
 * The subset of OpenAI's chat-completions wire format parley speaks, as a client (the `openai` backend) and
 * as a server (`channels/openai`). Field names are the protocol's own (snake_case).
 */

/** A tool call in an assistant message or a complete response. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One message of a chat-completions request. `content` may be text parts, of which only text is read. */
export interface WireMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content?: string | ReadonlyArray<{ type: string; text?: string }> | null;
  name?: string;
  tool_calls?: readonly WireToolCall[];
  tool_call_id?: string;
}

/** A function tool offered to the model. `strict` asks the server to decode the arguments under the schema. */
export interface WireTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** The body of `POST /v1/chat/completions`. */
export interface WireChatRequest {
  model: string;
  messages: readonly WireMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: readonly WireTool[];
  tool_choice?: 'auto' | 'required' | 'none' | { type: 'function'; function: { name: string } };
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  seed?: number;
  stop?: string | readonly string[];
  n?: number;
  user?: string;
}

/** Token counts of a completion. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Why a choice ended. */
export type WireFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** One streamed tool-call fragment: `index` says which call it continues. */
export interface WireToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

/** One `data:` event of a streamed completion (`object: "chat.completion.chunk"`). */
export interface WireChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ReadonlyArray<{
    index: number;
    delta: { role?: 'assistant'; content?: string | null; tool_calls?: readonly WireToolCallDelta[] };
    finish_reason: WireFinishReason | null;
  }>;
  usage?: WireUsage | null;
}

/** A complete (not streamed) completion (`object: "chat.completion"`). */
export interface WireCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ReadonlyArray<{
    index: number;
    message: { role: 'assistant'; content: string | null; tool_calls?: readonly WireToolCall[] };
    finish_reason: WireFinishReason;
  }>;
  usage: WireUsage;
}

/** The body of every error answer: `{ error: { message, type, code } }`. */
export interface WireError {
  error: { message: string; type: string; code: string | null; param?: string | null };
}

/** One entry of `GET /v1/models`. */
export interface WireModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}
