import { InputError } from '../../../core/contracts/errors/input-error.ts';
import type { GenerateOptions, LanguageModel, LanguageModelEvent } from '../language-model.ts';
import { type AttemptFailure, openCompletion } from './completion-attempt.ts';
import { OpenAIConnectionError } from './openai-connection-error.ts';
import {
  defaultOpenAILanguageModelOptions as d,
  type OpenAILanguageModelOptions,
} from './openai-language-model-options.ts';
import { OpenAIStatusError } from './openai-status-error.ts';
import type { WireChatRequest } from './openai-wire.ts';
import { relayCompletion } from './relay-completion.ts';
import { retryDelay } from './retry-delay.ts';
import { toWireMessages } from './to-wire-messages.ts';
import { toWireTools } from './to-wire-tools.ts';

/** A {@link LanguageModel} served by an OpenAI-compatible HTTP server (vLLM, TGI, Ollama, llama.cpp, OpenAI). */
export interface OpenAILanguageModel extends LanguageModel {
  readonly provider: 'openai';
  /** The API's base URL, up to and including `/v1`. */
  readonly baseUrl: string;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The request body of one generation (always streamed, with usage in the last chunk). */
function requestBody(model: string, call: GenerateOptions, settings: { maxTokens: number; strictTools: 'auto' | boolean }): WireChatRequest {
  const tools = call.tools?.length ? toWireTools(call.tools, settings.strictTools) : undefined;
  return {
    model,
    messages: toWireMessages(call.messages),
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: call.maxTokens ?? settings.maxTokens,
    ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
    ...(call.topP !== undefined ? { top_p: call.topP } : {}),
    ...(call.seed !== undefined ? { seed: call.seed } : {}),
    ...(call.stop?.length ? { stop: call.stop } : {}),
    ...(tools ? { tools, tool_choice: call.toolChoice ?? 'auto' } : {}),
  };
}

/**
 * Serves a model of an OpenAI-compatible server as a {@link LanguageModel}: streamed chat completions (SSE)
 * with tool calls, each call's arguments parsed into an object once complete. A request that fails with 429
 * (waiting what `Retry-After` asks), 5xx, a reset or a timeout is retried with backoff up to `maxRetries`
 * times while nothing has been delivered; other 4xx fail at once. Then the stream throws one
 * `OpenAIStatusError` or `OpenAIConnectionError`. Aborting `signal` ends the stream with a `finish` of reason
 * "abort".
 * @example
 * const model = createOpenAILanguageModel({ baseUrl: 'http://localhost:8000/v1', model: 'Qwen/Qwen2.5-7B-Instruct' });
 * for await (const event of model.stream({ messages: [{ role: 'user', content: 'hi' }] })) console.log(event);
 */
export function createOpenAILanguageModel(options: OpenAILanguageModelOptions): OpenAILanguageModel {
  if (!options.model) throw new InputError('model', 'name the model the server serves');
  const baseUrl = (options.baseUrl ?? d.baseUrl).replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(baseUrl)) throw new InputError('baseUrl', `must be an http(s) URL, got "${baseUrl}"`);
  const settings = {
    requestTimeoutMs: options.requestTimeoutMs ?? d.requestTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? d.idleTimeoutMs,
    maxRetries: options.maxRetries ?? d.maxRetries,
    initialRetryDelayMs: options.initialRetryDelayMs ?? d.initialRetryDelayMs,
    maxRetryDelayMs: options.maxRetryDelayMs ?? d.maxRetryDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? d.maxRetryAfterMs,
    strictTools: options.strictTools ?? d.strictTools,
    maxTokens: options.maxTokens ?? d.maxTokens,
  };
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const wallClock = options.wallClock ?? Date.now;
  const headers = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    ...options.headers,
  };
  const modelId = options.model;

  const surface = (failure: AttemptFailure, attempts: number) =>
    failure.status === undefined
      ? new OpenAIConnectionError(modelId, failure.reason, attempts, failure.cause)
      : new OpenAIStatusError(modelId, failure.status, failure.body, attempts);

  /**
   * Waits before attempt `attempt + 1`; false when the caller aborted meanwhile. Throws the failure as the one
   * error the stream surfaces when it may not be retried (not retryable, retries spent, Retry-After too long).
   */
  async function backoff(call: GenerateOptions, failure: AttemptFailure, attempt: number): Promise<boolean> {
    const delayMs =
      failure.retryable && attempt <= settings.maxRetries
        ? retryDelay({ attempt, ...failure, ...settings, random, wallClock })
        : undefined;
    if (delayMs === undefined) throw surface(failure, attempt);
    options.onRetry?.({ attempt, delayMs, status: failure.status, reason: failure.reason });
    try {
      await sleep(delayMs, call.signal);
    } catch (error) {
      if (call.signal?.aborted) return false;
      throw error;
    }
    return true;
  }

  async function* stream(call: GenerateOptions): AsyncGenerator<LanguageModelEvent> {
    const started = now();
    const body = JSON.stringify(requestBody(modelId, call, settings));
    const request = { url: `${baseUrl}/chat/completions`, headers, body, ...settings, fetch: doFetch, signal: call.signal };
    for (let attempt = 1; ; attempt++) {
      const opened = await openCompletion(request).catch((error: unknown) => {
        if (call.signal?.aborted) return undefined;
        throw error;
      });
      let failure: AttemptFailure | undefined;
      if (opened?.ok) {
        const outcome = yield* relayCompletion(opened, { modelId, started, now, signal: call.signal });
        if (outcome.type === 'finished') {
          yield* outcome.events;
          return;
        }
        if (outcome.type === 'interrupted')
          failure = { status: undefined, body: '', reason: outcome.reason, retryable: !outcome.delivered, retryAfter: null, retryAfterMs: null, cause: outcome.cause };
      } else if (opened) failure = opened.failure;
      if (!failure || !(await backoff(call, failure, attempt))) {
        yield { type: 'finish', reason: 'abort', usage: { inputTokens: 0, outputTokens: 0, totalMs: now() - started } };
        return;
      }
    }
  }

  return { provider: 'openai', modelId, baseUrl, stream };
}
