export { createOnnxLanguageModel, type OnnxLanguageModel } from './create-onnx-language-model.ts';
export { ExecutionProviderUnavailableError } from './execution-provider-unavailable-error.ts';
export type { ModelDownloadProgress } from './model-download-progress.ts';
export { ModelLoadError } from './model-load-error.ts';
export { defaultAutoDevices, type ExecutionDevice, type OnnxDevice } from './onnx-device.ts';
export {
  defaultOnnxLanguageModelOptions,
  type HubModelSource,
  type OnnxLanguageModelOptions,
} from './onnx-language-model-options.ts';
export {
  createTokenizerVocabulary,
  type TokenizerJson,
  type TokenizerVocabularyOptions,
} from './tokenizer-vocabulary.ts';
