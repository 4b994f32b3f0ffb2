import { basename, resolve } from 'node:path';
import { createOnnxLanguageModel } from '../engine/llm/onnx/create-onnx-language-model.ts';
import type { LanguageModel } from '../engine/llm/language-model.ts';
import { createOpenAILanguageModel } from '../engine/llm/openai/create-openai-language-model.ts';
import type { OpenAIRetry } from '../engine/llm/openai/openai-language-model-options.ts';
import type { OnnxDevice } from '../engine/llm/onnx/onnx-device.ts';
import { ConfigError } from './contracts/errors/config-error.ts';

/** The prefix of a model setting that names a model of an OpenAI-compatible server: `openai:<model>`. */
export const openAIModelPrefix = 'openai:';

/** Settings that come from outside the model setting: the `openai` backend's server, or the ONNX model's device. */
export interface OpenAIModelSettings {
  /** Base URL up to `/v1` (env `OPENAI_BASE_URL`). Default OpenAI's. */
  baseUrl?: string;
  /** Bearer key (env `OPENAI_API_KEY`). Default none. */
  apiKey?: string;
  /** Sees each retry of a failed request (to log it). Default nothing. */
  onRetry?: (retry: OpenAIRetry) => void;
  /** Where a local ONNX model runs. Default "auto". */
  device?: OnnxDevice;
}

/** A model a bot directory's settings named, loaded, with what the OpenAI-compatible endpoint lists it as. */
export interface LoadedLanguageModel {
  model: LanguageModel;
  /** The id `GET /v1/models` lists it under: the model directory's name ("starter"), or the remote model's. */
  name: string;
  /** Releases it (stops the onnx worker); nothing to do for a remote model. */
  close(): Promise<void>;
}

/**
 * Loads the model a `model` setting names: `openai:<model>` is that model on an OpenAI-compatible server (vLLM,
 * TGI, Ollama, llama.cpp, OpenAI) at `openai.baseUrl` with `openai.apiKey`; anything else is a local ONNX model
 * directory, resolved against the working directory. Throws `ConfigError` for `openai:` without a model name or a base URL that is not http(s),
 * `ModelLoadError` / `ExecutionProviderUnavailableError` for a directory that cannot run.
 */
export async function loadLanguageModel(setting: string, openai: OpenAIModelSettings = {}): Promise<LoadedLanguageModel> {
  if (setting.startsWith(openAIModelPrefix)) {
    const name = setting.slice(openAIModelPrefix.length).trim();
    if (!name) throw new ConfigError('model', 'a model name after "openai:", e.g. "openai:Qwen/Qwen2.5-7B-Instruct"', setting);
    if (openai.baseUrl && !/^https?:\/\/[^/]/i.test(openai.baseUrl))
      throw new ConfigError('OPENAI_BASE_URL', 'an http(s) URL up to /v1, e.g. "http://localhost:8000/v1"', openai.baseUrl);
    const model = createOpenAILanguageModel({
      model: name,
      ...(openai.baseUrl ? { baseUrl: openai.baseUrl } : {}),
      ...(openai.apiKey ? { apiKey: openai.apiKey } : {}),
      ...(openai.onRetry ? { onRetry: openai.onRetry } : {}),
    });
    return { model, name, close: async () => {} };
  }
  const dir = resolve(setting);
  const model = await createOnnxLanguageModel({ modelDir: dir, ...(openai.device ? { device: openai.device } : {}) });
  return { model, name: basename(dir), close: () => model.close() };
}
