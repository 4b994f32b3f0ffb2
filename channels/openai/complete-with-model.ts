import type { ServerResponse } from 'node:http';
import type { LanguageModel } from '../../engine/llm/language-model.ts';
import type { WireFinishReason, WireToolCall, WireUsage } from '../../engine/llm/openai/openai-wire.ts';
import { sendJson } from '../http/send-json.ts';
import { type CompletionMeta, chunkOf, completionOf, usageChunkOf, usageOf } from './completion-shapes.ts';
import type { ChatRequest } from './parse-chat-request.ts';
import { createSseWriter } from './sse-writer.ts';
import { toGenerateOptions } from './to-generate-options.ts';

/** What {@link completeWithModel} needs. */
export interface ModelCompletion {
  model: LanguageModel;
  request: ChatRequest;
  res: ServerResponse;
  meta: CompletionMeta;
  /** Ids for tool calls ("call_…"). */
  newId: () => string;
}

/** What a served completion came to, for the server's log. */
export interface ModelCompletionSummary {
  finishReason: WireFinishReason;
  /** Names of the tools the model called, in order. */
  toolCalls: string[];
  usage: WireUsage;
}

const finishReasons = { stop: 'stop', abort: 'stop', length: 'length', 'tool-calls': 'tool_calls' } as const;

/**
 * Answers a chat-completions request with raw generation from a parley `LanguageModel` (tools included),
 * streamed as SSE chunks or as one completion. A client that disconnects aborts the generation. Errors before
 * the first chunk reject (the caller answers them); later ones too, and the caller ends the stream with them.
 * Resolves with what was sent.
 */
export async function completeWithModel({ model, request, res, meta, newId }: ModelCompletion): Promise<ModelCompletionSummary> {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const streaming = request.stream === true;
  const sse = createSseWriter(res);
  let content = '';
  const toolCalls: WireToolCall[] = [];
  let finishReason: WireFinishReason = 'stop';
  let usage: WireUsage = usageOf(0, 0);
  let opened = false;
  const open = () => {
    if (streaming && !opened) sse.send(chunkOf(meta, { role: 'assistant', content: '' }));
    opened = true;
  };
  for await (const event of model.stream(toGenerateOptions(request, controller.signal))) {
    if (event.type === 'text-delta') {
      open();
      content += event.delta;
      if (streaming) sse.send(chunkOf(meta, { content: event.delta }));
    } else if (event.type === 'tool-call') {
      open();
      const call: WireToolCall = { id: `call_${newId()}`, type: 'function', function: { name: event.name, arguments: JSON.stringify(event.arguments) } };
      if (streaming) sse.send(chunkOf(meta, { tool_calls: [{ index: toolCalls.length, ...call }] }));
      toolCalls.push(call);
    } else {
      finishReason = finishReasons[event.reason];
      usage = usageOf(event.usage.inputTokens, event.usage.outputTokens);
    }
  }
  const summary = { finishReason, toolCalls: toolCalls.map((c) => c.function.name), usage };
  if (!streaming) {
    sendJson(res, 200, completionOf(meta, { content, toolCalls, finishReason, usage }));
    return summary;
  }
  open();
  sse.send(chunkOf(meta, {}, finishReason));
  if (request.stream_options?.include_usage) sse.send(usageChunkOf(meta, usage));
  sse.done();
  return summary;
}
