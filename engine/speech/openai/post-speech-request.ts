import { networkReason } from '../../llm/openai/completion-attempt.ts';
import { retryDelay } from '../../llm/openai/retry-delay.ts';
import { SpeechBackendError } from '../speech-backend-error.ts';

/** How {@link postSpeechRequest} sends and retries. */
export interface SpeechRequestSettings {
  provider: string;
  fetch: typeof fetch;
  /** Retries after the first attempt, for 429, 5xx and network failures. */
  maxRetries: number;
  /** Milliseconds from sending to the whole answer. */
  requestTimeoutMs: number;
  signal: AbortSignal | undefined;
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * POSTs to a speech endpoint and returns the answer's body: retries 429, 5xx and network failures with backoff
 * (honouring `Retry-After`), then throws one {@link SpeechBackendError} with the status and the start of the
 * answer. An abort of `signal` rejects with its reason at once.
 */
export async function postSpeechRequest(url: string, init: { headers: Record<string, string>; body: BodyInit }, settings: SpeechRequestSettings): Promise<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    settings.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(settings.requestTimeoutMs);
    const signal = settings.signal ? AbortSignal.any([settings.signal, timeout]) : timeout;
    let failure: SpeechBackendError;
    let retryAfter: string | null = null;
    try {
      const response = await settings.fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal });
      const body = new Uint8Array(await response.arrayBuffer());
      if (response.ok) return body;
      const text = new TextDecoder().decode(body.subarray(0, 4096));
      const retryable = response.status === 429 || response.status >= 500;
      retryAfter = response.headers.get('retry-after');
      failure = new SpeechBackendError(settings.provider, `${url} answered ${response.status}: ${text.slice(0, 200)}`, response.status, text, retryable);
    } catch (error) {
      if (settings.signal?.aborted) throw settings.signal.reason;
      const reason = timeout.aborted ? `no answer within ${settings.requestTimeoutMs} ms` : networkReason(error);
      failure = new SpeechBackendError(settings.provider, `${url}: ${reason}`, undefined, '', true, error);
    }
    if (!failure.retryable || attempt > settings.maxRetries) throw failure;
    const delay = retryDelay({ attempt, retryAfter, initialRetryDelayMs: 250, maxRetryDelayMs: 4000, maxRetryAfterMs: 10_000, random: Math.random, wallClock: Date.now });
    if (delay === undefined) throw failure;
    await sleep(delay, settings.signal);
  }
}
