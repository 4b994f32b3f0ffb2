export * from './nlu/index.ts';
export type {
  ChatMessage,
  GenerateOptions,
  GenerationUsage,
  LanguageModel,
  LanguageModelEvent,
  ToolDefinition,
} from './llm/language-model.ts';
