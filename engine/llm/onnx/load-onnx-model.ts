import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
} from '@huggingface/transformers';
import type { InferenceSession } from 'onnxruntime-node';
import type { Vocabulary } from '../vocabulary.ts';
import { ExecutionProviderUnavailableError } from './execution-provider-unavailable-error.ts';
import { type KvCacheLayout, readKvCacheLayout } from './kv-cache-layout.ts';
import { missingProvider } from './missing-provider.ts';
import type { ModelDownloadProgress } from './model-download-progress.ts';
import { ModelLoadError } from './model-load-error.ts';
import type { ExecutionDevice, OnnxDevice } from './onnx-device.ts';
import type { HubModelSource } from './onnx-language-model-options.ts';
import { createTokenizerVocabulary, type TokenizerJson } from './tokenizer-vocabulary.ts';

/** What the decoding worker needs to load a model; plain data, sent across the thread boundary. */
export interface OnnxModelLoadOptions {
  modelDir?: string;
  hub?: Required<HubModelSource>;
  device: OnnxDevice;
  autoDevices: readonly ExecutionDevice[];
  dtype?: string;
  intraOpThreads: number;
  chatTemplate?: string;
}

/** A loaded decoder: its session, tokenizer and what the decoding loop reads from them. */
export interface LoadedOnnxModel {
  modelId: string;
  device: ExecutionDevice;
  session: InferenceSession;
  layout: KvCacheLayout;
  tokenizer: PreTrainedTokenizer;
  chatTemplate: string;
  config: Readonly<Record<string, unknown>>;
  vocabulary: Vocabulary;
  eosIds: ReadonlySet<number>;
  /** Content of added tokens by id (`<|im_end|>`, `[TOOL_CALLS]`). */
  addedTokens: ReadonlyMap<number, string>;
  /** Providers tried before the one that loaded, with onnxruntime's message. */
  tried: ReadonlyArray<{ device: ExecutionDevice; error: string }>;
}

const numbers = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number');

function describeFailure(device: ExecutionDevice, message: string): string {
  if (device === 'webgpu' && /adapter/i.test(message)) {
    return 'onnxruntime found no WebGPU adapter (no GPU, or no Vulkan driver such as libvulkan.so.1)';
  }
  if (device === 'cuda') return `the CUDA provider failed to start (${message.split('\n')[0]})`;
  return message.split('\n')[0] ?? message;
}

function configureHub(options: OnnxModelLoadOptions): { id: string; label: string } {
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  if (options.modelDir !== undefined) {
    const dir = path.resolve(options.modelDir);
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
      if (!existsSync(path.join(dir, file))) throw new ModelLoadError(dir, `${file} is missing`);
    }
    env.allowRemoteModels = false;
    env.useFSCache = false;
    env.localModelPath = `${path.dirname(dir)}${path.sep}`;
    return { id: path.basename(dir), label: dir };
  }
  if (options.hub === undefined) throw new ModelLoadError('(none)', 'set modelDir or hub');
  env.allowRemoteModels = true;
  env.useFSCache = true;
  env.remoteHost = options.hub.host.endsWith('/') ? options.hub.host : `${options.hub.host}/`;
  env.remotePathTemplate = options.hub.pathTemplate;
  env.cacheDir = path.resolve(options.hub.cacheDir);
  env.localModelPath = `${env.cacheDir}${path.sep}__no_local_models__${path.sep}`;
  return { id: options.hub.id, label: options.hub.id };
}

function toDownloadProgress(info: ProgressInfo): ModelDownloadProgress | undefined {
  if (info.status === 'progress') {
    return { file: info.file, loadedBytes: info.loaded, totalBytes: info.total, done: false };
  }
  if (info.status === 'done') return { file: info.file, loadedBytes: 0, totalBytes: 0, done: true };
  return undefined;
}

/**
 * Loads a decoder-only model directory (or hub model) through transformers.js: tokenizer, config and an
 * onnxruntime session on the requested execution provider. "auto" tries `autoDevices` in order; an
 * explicit device that cannot run throws {@link ExecutionProviderUnavailableError}.
 */
export async function loadOnnxModel(
  options: OnnxModelLoadOptions,
  onProgress: (progress: ModelDownloadProgress) => void,
): Promise<LoadedOnnxModel> {
  const { id, label } = configureHub(options);
  const progress_callback = (info: ProgressInfo) => {
    const progress = toDownloadProgress(info);
    if (progress) onProgress(progress);
  };
  const hubOptions = {
    local_files_only: options.modelDir !== undefined,
    revision: options.hub?.revision ?? 'main',
    progress_callback,
  };
  let tokenizer: PreTrainedTokenizer;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(id, hubOptions);
  } catch (error) {
    throw new ModelLoadError(label, `cannot load the tokenizer: ${(error as Error).message}`, error);
  }
  const devices = options.device === 'auto' ? options.autoDevices : [options.device];
  const tried: Array<{ device: ExecutionDevice; error: string }> = [];
  for (const device of devices) {
    const missing = missingProvider(device);
    if (missing) {
      tried.push({ device, error: missing });
      continue;
    }
    let model: PreTrainedModel;
    try {
      model = await AutoModelForCausalLM.from_pretrained(id, {
        ...hubOptions,
        device,
        ...(options.dtype ? { dtype: options.dtype as 'fp32' } : {}),
        session_options: options.intraOpThreads > 0 ? { intraOpNumThreads: options.intraOpThreads } : {},
      });
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (device === 'cpu' || /not found|missing|Could not locate|Unsupported model type/i.test(message)) {
        throw new ModelLoadError(label, `cannot load the model: ${message}`, error);
      }
      tried.push({ device, error: describeFailure(device, message) });
      continue;
    }
    return describeModel(label, device, model, tokenizer, options, tried);
  }
  const last = tried.at(-1);
  throw new ExecutionProviderUnavailableError(
    options.device,
    options.device === 'auto'
      ? tried.map((t) => `${t.device}: ${t.error}`).join('; ')
      : (last?.error ?? 'unknown'),
    tried,
  );
}

function describeModel(
  label: string,
  device: ExecutionDevice,
  model: PreTrainedModel,
  tokenizer: PreTrainedTokenizer,
  options: OnnxModelLoadOptions,
  tried: ReadonlyArray<{ device: ExecutionDevice; error: string }>,
): LoadedOnnxModel {
  const session = (model.sessions as Record<string, InferenceSession>)['model'];
  if (!session) throw new ModelLoadError(label, 'the model has no decoder session (onnx/model.onnx)');
  const config = model.config as unknown as Record<string, unknown>;
  const layout = readKvCacheLayout(session, config);
  if (Array.isArray(layout)) throw new ModelLoadError(label, layout.join('; '));
  const chatTemplate =
    options.chatTemplate ??
    (typeof tokenizer.chat_template === 'string' ? tokenizer.chat_template : undefined);
  if (!chatTemplate)
    throw new ModelLoadError(label, 'the tokenizer has no chat template; pass the chatTemplate option');
  const json = tokenizer._tokenizerJSON as TokenizerJson;
  const generation =
    (model as unknown as { generation_config?: Record<string, unknown> }).generation_config ?? {};
  const eosIds = new Set([
    ...numbers(generation['eos_token_id']),
    ...numbers(config['eos_token_id']),
    ...numbers(tokenizer.eos_token_id),
  ]);
  const logitsSize = numbers(config['vocab_size'])[0];
  return {
    modelId: label,
    device,
    session,
    layout,
    tokenizer,
    chatTemplate,
    config,
    vocabulary: createTokenizerVocabulary(json, logitsSize === undefined ? {} : { size: logitsSize }),
    eosIds,
    addedTokens: new Map((json.added_tokens ?? []).map((t) => [t.id, t.content])),
    tried,
  };
}
