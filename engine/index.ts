export * from './nlu/index.ts';
export type {
  ChatMessage,
  GenerateOptions,
  GenerationUsage,
  LanguageModel,
  LanguageModelEvent,
  ToolDefinition,
} from './llm/language-model.ts';
export type { ConstrainedTool, ParsedToolCall, ToolCallFormat } from './llm/tool-call-format.ts';
export type { TokenConstraint } from './llm/token-constraint.ts';
export type { Vocabulary } from './llm/vocabulary.ts';
export * from './llm/constrained/index.ts';
export * from './llm/tool-calls/index.ts';
export * from './knowledge/index.ts';
export {
  createDownloadProgress,
  createOnnxLanguageModel,
  createTokenizerVocabulary,
  defaultAutoDevices,
  defaultOnnxLanguageModelOptions,
  type ExecutionDevice,
  ExecutionProviderUnavailableError,
  type ModelDownloadProgress,
  ModelLoadError,
  type OnnxDevice,
  type OnnxLanguageModel,
  type OnnxLanguageModelOptions,
} from './llm/onnx/index.ts';
export { GenerationFailedError } from './llm/generation-failed-error.ts';
export { GenerationQueueTimeoutError } from './llm/generation-queue-timeout-error.ts';
export { ToolCallsUnsupportedError } from './llm/tool-calls-unsupported-error.ts';
