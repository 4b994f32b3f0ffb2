export { createOpenAILanguageModel, type OpenAILanguageModel } from './create-openai-language-model.ts';
export { OpenAIConnectionError } from './openai-connection-error.ts';
export {
  defaultOpenAILanguageModelOptions,
  type OpenAILanguageModelOptions,
  type OpenAIRetry,
} from './openai-language-model-options.ts';
export { OpenAIStatusError } from './openai-status-error.ts';
export type {
  WireChatRequest,
  WireChunk,
  WireCompletion,
  WireError,
  WireFinishReason,
  WireMessage,
  WireModel,
  WireTool,
  WireToolCall,
  WireToolCallDelta,
  WireUsage,
} from './openai-wire.ts';
