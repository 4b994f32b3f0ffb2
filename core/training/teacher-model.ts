import type { GenerateOptions, LanguageModel, LanguageModelEvent } from '../../engine/llm/language-model.ts';

/** What the teacher answers for one generation: a call or words. */
export type TeacherAnswer = { call: { name: string; arguments: Record<string, unknown> } } | { reply: string };

/**
 * A stand-in language model for corpus generation: the bot runs for real, and wherever it would ask a
 * model, the teacher sees exactly what a model would see (`onRequest`) and answers with the labelled
 * target, so the dialogue goes on as it would with a perfect model.
 */
export function createTeacherModel(answer: (options: GenerateOptions) => TeacherAnswer | null): LanguageModel {
  const usage = { inputTokens: 0, outputTokens: 0 };
  return {
    provider: 'teacher',
    modelId: 'teacher',
    async *stream(options): AsyncIterable<LanguageModelEvent> {
      const target = answer(options);
      if (target && 'call' in target) {
        yield { type: 'tool-call', name: target.call.name, arguments: target.call.arguments };
        yield { type: 'finish', reason: 'tool-calls', usage };
        return;
      }
      if (target) yield { type: 'text-delta', delta: target.reply };
      yield { type: 'finish', reason: 'stop', usage };
    },
  };
}
