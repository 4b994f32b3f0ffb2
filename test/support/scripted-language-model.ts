import type { GenerateOptions, LanguageModel, LanguageModelEvent } from '../../engine/llm/language-model.ts';

/** What the scripted model answers to one call. */
export interface ScriptedAnswer {
  /** Text streamed in these pieces. */
  chunks?: string[];
  calls?: Array<{ name: string; arguments: Record<string, unknown> }>;
  /** Milliseconds between pieces. Default 0. */
  delayMs?: number;
}

/**
 * A LanguageModel double for dialogue tests: answers with a script chosen from the last user message,
 * streams it piece by piece and honours abort between pieces like a real decoder between steps.
 */
export function scriptedLanguageModel(answer: (options: GenerateOptions) => ScriptedAnswer) {
  const seen: GenerateOptions[] = [];
  const model: LanguageModel = {
    provider: 'scripted',
    modelId: 'scripted',
    async *stream(options): AsyncIterable<LanguageModelEvent> {
      seen.push(options);
      const script = answer(options);
      const usage = { inputTokens: 0, outputTokens: 0 };
      for (const chunk of script.chunks ?? []) {
        if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
        if (options.signal?.aborted) {
          yield { type: 'finish', reason: 'abort', usage };
          return;
        }
        yield { type: 'text-delta', delta: chunk };
      }
      for (const call of script.calls ?? []) yield { type: 'tool-call', name: call.name, arguments: call.arguments };
      yield { type: 'finish', reason: script.calls?.length ? 'tool-calls' : 'stop', usage };
    },
  };
  return { model, seen };
}
