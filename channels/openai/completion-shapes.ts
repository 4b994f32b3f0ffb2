import type { WireChunk, WireCompletion, WireFinishReason, WireToolCall, WireUsage } from '../../engine/llm/openai/openai-wire.ts';

/** What every chunk and completion of one answer repeats. */
export interface CompletionMeta {
  /** "chatcmpl-…". */
  id: string;
  model: string;
  /** Seconds since the epoch. */
  created: number;
}

/** Usage of an answer no model generated (the dialogue answered from its flows). */
export const noUsage: WireUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** Usage from token counts. */
export const usageOf = (inputTokens: number, outputTokens: number): WireUsage => ({
  prompt_tokens: inputTokens,
  completion_tokens: outputTokens,
  total_tokens: inputTokens + outputTokens,
});

/** One streamed chunk with a single choice. */
export function chunkOf(meta: CompletionMeta, delta: WireChunk['choices'][number]['delta'], finishReason: WireFinishReason | null = null): WireChunk {
  return { ...meta, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

/** The last chunk of a stream whose client asked for usage (`stream_options.include_usage`): no choices. */
export function usageChunkOf(meta: CompletionMeta, usage: WireUsage): WireChunk {
  return { ...meta, object: 'chat.completion.chunk', choices: [], usage };
}

/** A complete answer. */
export function completionOf(
  meta: CompletionMeta,
  answer: { content: string; toolCalls?: readonly WireToolCall[]; finishReason: WireFinishReason; usage: WireUsage },
): WireCompletion {
  const toolCalls = answer.toolCalls?.length ? { tool_calls: answer.toolCalls } : {};
  return {
    ...meta,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.content === '' && answer.toolCalls?.length ? null : answer.content, ...toolCalls },
        finish_reason: answer.finishReason,
      },
    ],
    usage: answer.usage,
  };
}
