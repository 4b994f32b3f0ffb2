import { GenerationFailedError } from '../generation-failed-error.ts';
import type { WireToolCallDelta } from './openai-wire.ts';

/** A tool call as the stream completed it. */
export interface AccumulatedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * Joins streamed tool-call fragments (by `index`) into whole calls. A server streams a call's arguments as JSON
 * text in pieces; they are parsed once the stream ends, and a call whose arguments are not a JSON object fails
 * the generation rather than reaching the executor half-formed.
 */
export class ToolCallAccumulator {
  private readonly calls = new Map<number, { name: string; text: string }>();

  constructor(private readonly modelId: string) {}

  /** Adds the fragments of one chunk. */
  add(deltas: readonly WireToolCallDelta[]): void {
    for (const delta of deltas) {
      const call = this.calls.get(delta.index) ?? { name: '', text: '' };
      call.name += delta.function?.name ?? '';
      call.text += delta.function?.arguments ?? '';
      this.calls.set(delta.index, call);
    }
  }

  /** Whether any call has started. */
  get size(): number {
    return this.calls.size;
  }

  /** The whole calls, in index order. Throws GenerationFailedError for arguments that are not a JSON object. */
  finish(): AccumulatedToolCall[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => {
        let parsed: unknown;
        try {
          parsed = call.text.trim() === '' ? {} : JSON.parse(call.text);
        } catch (error) {
          throw new GenerationFailedError(this.modelId, `the arguments of the call to "${call.name}" are not JSON: ${call.text.slice(0, 200)}`, { retryable: false, cause: error });
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new GenerationFailedError(this.modelId, `the arguments of the call to "${call.name}" are not a JSON object`, { retryable: false });
        return { name: call.name, arguments: parsed as Record<string, unknown> };
      });
  }
}
