import { readSse } from './read-sse.ts';

/** What one request to a chat-completions endpoint needs. */
export interface CompletionAttemptRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  fetch: typeof fetch;
  /** The caller's signal; aborting it ends the attempt with a rejection the caller recognises by `signal.aborted`. */
  signal: AbortSignal | undefined;
}

/** Why an attempt failed, with what decides whether to retry it. */
export interface AttemptFailure {
  /** HTTP status, or undefined when no answer came. */
  status: number | undefined;
  /** The error answer's body (at most 4,096 characters); "" without one. */
  body: string;
  reason: string;
  /** 429, 5xx, a reset or a timeout. */
  retryable: boolean;
  retryAfter: string | null;
  retryAfterMs: string | null;
  cause?: unknown;
}

/** An attempt whose answer is a stream: its SSE `data` payloads, and a way to stop reading. */
export interface OpenedCompletion {
  ok: true;
  /** Throws {@link StreamInterruptedError} when the connection breaks or stays silent too long. */
  payloads: AsyncGenerator<string>;
  close(): void;
}

/** The stream broke after the answer's headers: a reset, a silent server, a truncated body. */
export class StreamInterruptedError extends Error {
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super(reason, { cause });
    this.name = 'StreamInterruptedError';
  }
}

/** The reason a fetch or read failed at the network level, e.g. "connection reset (ECONNRESET)". */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown } | undefined)?.code;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection reset (${code})`;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (typeof code === 'string') return `connection failed (${code})`;
  return `connection failed (${error instanceof Error ? error.message : String(error)})`;
}

/**
 * Sends one streaming chat-completions request. Resolves with the stream once the answer's headers arrive
 * with a 2xx status, else with the failure; rejects only when the caller's signal aborted. The answer must
 * start within `requestTimeoutMs`, and no chunk may take longer than `idleTimeoutMs`.
 */
export async function openCompletion(request: CompletionAttemptRequest): Promise<OpenedCompletion | { ok: false; failure: AttemptFailure }> {
  const controller = new AbortController();
  let timedOut: string | undefined;
  const onAbort = () => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const expire = (reason: string) => () => {
    timedOut = reason;
    controller.abort(new Error(reason));
  };
  let timer = setTimeout(expire(`no answer within ${request.requestTimeoutMs} ms`), request.requestTimeoutMs);
  const close = () => {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
    controller.abort();
  };
  const failed = (failure: Omit<AttemptFailure, 'retryAfter' | 'retryAfterMs'> & Partial<AttemptFailure>) => {
    close();
    return { ok: false as const, failure: { retryAfter: null, retryAfterMs: null, ...failure } };
  };
  let response: Response;
  try {
    response = await request.fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: controller.signal });
  } catch (error) {
    if (request.signal?.aborted) {
      close();
      throw error;
    }
    return failed({ status: undefined, body: '', reason: timedOut ?? networkReason(error), retryable: true, cause: error });
  }
  if (!response.ok || !response.body) {
    let body = '';
    try {
      body = (await response.text()).slice(0, 4096);
    } catch {
      // the status says enough
    }
    if (request.signal?.aborted) {
      close();
      throw request.signal.reason;
    }
    const status = response.status;
    return failed({
      status,
      body,
      reason: `status ${status}`,
      retryable: status === 429 || status >= 500,
      retryAfter: response.headers.get('retry-after'),
      retryAfterMs: response.headers.get('retry-after-ms'),
    });
  }
  clearTimeout(timer);
  const source = response.body as unknown as AsyncIterable<Uint8Array>;
  async function* watched(): AsyncGenerator<Uint8Array> {
    timer = setTimeout(expire(`no chunk within ${request.idleTimeoutMs} ms`), request.idleTimeoutMs);
    try {
      for await (const bytes of source) {
        clearTimeout(timer);
        yield bytes;
        timer = setTimeout(expire(`no chunk within ${request.idleTimeoutMs} ms`), request.idleTimeoutMs);
      }
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw new StreamInterruptedError(timedOut ?? networkReason(error), error);
    } finally {
      clearTimeout(timer);
    }
  }
  async function* payloads(): AsyncGenerator<string> {
    try {
      yield* readSse(watched());
    } finally {
      close();
    }
  }
  return { ok: true, payloads: payloads(), close };
}
