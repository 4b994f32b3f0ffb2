import { GenerationFailedError } from '../generation-failed-error.ts';
import type { LanguageModelEvent } from '../language-model.ts';
import { type OpenedCompletion, StreamInterruptedError } from './completion-attempt.ts';
import type { WireChunk, WireFinishReason } from './openai-wire.ts';
import { ToolCallAccumulator } from './tool-call-accumulator.ts';

/** How a relayed stream ended. */
export type RelayOutcome =
  /** The completion finished; `events` are its tool calls and finish, to yield after the text. */
  | { type: 'finished'; events: LanguageModelEvent[] }
  /** The connection broke; `delivered` says whether text was yielded already (then it cannot be retried). */
  | { type: 'interrupted'; reason: string; delivered: boolean; cause: unknown }
  /** The caller aborted. */
  | { type: 'aborted' };

const finishReasons: Record<WireFinishReason, 'stop' | 'length' | 'tool-calls'> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'stop',
};

/** One chunk of the stream; an in-stream `{ error }` (vLLM and Ollama send these) fails the generation. */
function parseChunk(modelId: string, payload: string): WireChunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch (error) {
    throw new GenerationFailedError(modelId, `the server sent a chunk that is not JSON: ${payload.slice(0, 200)}`, { retryable: false, cause: error });
  }
  const error = (parsed as { error?: { message?: unknown } }).error;
  if (error) throw new GenerationFailedError(modelId, `the server failed mid-stream: ${String(error.message ?? JSON.stringify(error))}`, { retryable: false });
  if (!Array.isArray((parsed as { choices?: unknown }).choices))
    throw new GenerationFailedError(modelId, `the server sent a chunk without choices: ${payload.slice(0, 200)}`, { retryable: false });
  return parsed as WireChunk;
}

/**
 * Yields an opened completion's text as `text-delta` events while it streams and returns how it ended: its tool
 * calls (whole, once the stream is done) and finish with usage, or why it broke. Times are from `started`.
 */
export async function* relayCompletion(
  opened: OpenedCompletion,
  context: { modelId: string; started: number; now: () => number; signal: AbortSignal | undefined },
): AsyncGenerator<LanguageModelEvent, RelayOutcome> {
  const { modelId, started, now } = context;
  const tools = new ToolCallAccumulator(modelId);
  let delivered = false;
  let firstTokenMs: number | undefined;
  let pieces = 0;
  let reason: WireFinishReason | undefined;
  let usage: WireChunk['usage'];
  try {
    for await (const payload of opened.payloads) {
      const chunk = parseChunk(modelId, payload);
      usage = chunk.usage ?? usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.delta.tool_calls?.length || choice.delta.content) {
        firstTokenMs ??= now() - started;
        pieces++;
      }
      if (choice.delta.tool_calls?.length) tools.add(choice.delta.tool_calls);
      if (choice.delta.content) {
        delivered = true;
        yield { type: 'text-delta', delta: choice.delta.content };
      }
      reason = choice.finish_reason ?? reason;
    }
    if (reason === undefined) throw new StreamInterruptedError('the stream ended before the completion did');
  } catch (error) {
    if (context.signal?.aborted) return { type: 'aborted' };
    if (!(error instanceof StreamInterruptedError)) throw error;
    return { type: 'interrupted', reason: error.reason, delivered, cause: error.cause };
  } finally {
    opened.close();
  }
  const calls = tools.finish().map((call): LanguageModelEvent => ({ type: 'tool-call', ...call }));
  const finish: LanguageModelEvent = {
    type: 'finish',
    reason: calls.length > 0 ? 'tool-calls' : finishReasons[reason],
    usage: {
      inputTokens: usage?.prompt_tokens ?? 0,
      // Servers that send no usage get the number of pieces streamed, the closest count the client has.
      outputTokens: usage?.completion_tokens ?? pieces,
      ...(firstTokenMs !== undefined ? { firstTokenMs } : {}),
      totalMs: now() - started,
    },
  };
  return { type: 'finished', events: [...calls, finish] };
}
