/** Options of {@link createOpenAILanguageModel}. Defaults are in {@link defaultOpenAILanguageModelOptions}. */
export interface OpenAILanguageModelOptions {
  /** The model name the server knows, e.g. "Qwen/Qwen2.5-7B-Instruct" on vLLM or "gpt-4o-mini". */
  model: string;
  /** Base URL of the API, up to and including `/v1`. Default "https://api.openai.com/v1". */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <apiKey>`. Default none (local servers usually need none). */
  apiKey?: string;
  /** Extra request headers (e.g. an organisation or a gateway's routing header). Default none. */
  headers?: Readonly<Record<string, string>>;
  /** Milliseconds from sending a request to the answer's headers. Default 60,000. */
  requestTimeoutMs?: number;
  /** Milliseconds a stream may stay silent between two chunks. Default 30,000. */
  idleTimeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, resets and timeouts before any output. Default 3. */
  maxRetries?: number;
  /** Milliseconds before the first retry; doubled for each next one, with jitter. Default 500. */
  initialRetryDelayMs?: number;
  /** Longest wait between two attempts, in milliseconds. Default 8,000. */
  maxRetryDelayMs?: number;
  /**
   * Longest `Retry-After` honoured, in milliseconds; a server asking for more gets no retry and the 429 surfaces
   * at once. Default 60,000.
   */
  maxRetryAfterMs?: number;
  /**
   * Mark tool definitions `strict` (OpenAI structured outputs; vLLM and others decode under the schema or ignore
   * it): "auto" (default) marks each tool whose schema strict mode accepts (every object closed with
   * `additionalProperties: false`, every property required); `true` marks all; `false` none. The dialogue's
   * executor validates every call either way.
   */
  strictTools?: 'auto' | boolean;
  /** Upper bound on generated tokens when a call sets none. Default 512. */
  maxTokens?: number;
  /** Sends the request. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Waits between attempts; must reject when `signal` aborts. Default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform floats in [0, 1) for retry jitter. Default Math.random. */
  random?: () => number;
  /** Monotonic milliseconds for usage timings. Default performance.now. */
  now?: () => number;
  /** Milliseconds since the epoch, for HTTP-date `Retry-After` values. Default Date.now. */
  wallClock?: () => number;
  /** Called before each retry, e.g. to log it. Default nothing. */
  onRetry?: (retry: OpenAIRetry) => void;
}

/** One retry the backend is about to make. */
export interface OpenAIRetry {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** Milliseconds it waits first. */
  delayMs: number;
  /** HTTP status, or undefined for a connection failure. */
  status: number | undefined;
  /** Why the attempt failed. */
  reason: string;
}

/** Defaults of {@link OpenAILanguageModelOptions}. */
export const defaultOpenAILanguageModelOptions = {
  baseUrl: 'https://api.openai.com/v1',
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 30_000,
  maxRetries: 3,
  initialRetryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  strictTools: 'auto',
  maxTokens: 512,
} as const;
