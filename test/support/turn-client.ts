import { testAuthorization } from './security-api-key.ts';
import type { ServerLife, ServerSupervisor } from './server-supervisor.ts';

/** A turn's event, as the REST channel returns it. */
export interface RestEvent {
  type: string;
  name?: string;
  args?: unknown;
  text?: string;
}

/** What `POST /api/conversations/{id}/messages` answered. */
export interface TurnAnswer {
  status: number;
  retryAfter: string | null;
  body: {
    status?: string;
    reply?: string;
    events?: RestEvent[];
    error?: { code?: string; message?: string };
  };
}

/** Posts one message with its turn id; rejects when the connection fails (e.g. the server died). */
export async function postTurn(
  url: string,
  conversationId: string,
  text: string,
  turnId: string,
  timeoutMs = 30_000,
): Promise<TurnAnswer> {
  const response = await fetch(`${url}/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...testAuthorization },
    body: JSON.stringify({ text, turnId }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as TurnAnswer['body'];
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

/** A message the server acknowledged with 200, and what it took. */
export interface Acknowledged {
  status: string;
  reply: string;
  events: RestEvent[];
  /** Requests sent, the last one included. */
  attempts: number;
  /** 503 answers on the way (each carried Retry-After and the `unavailable` code, or the helper threw). */
  unavailable: number;
  /** Requests that failed because the server died (or refused the connection). */
  connectionFailures: number;
  /** Milliseconds from the first send to the 200. */
  elapsedMs: number;
}

/** Options of {@link sendUntilAcknowledged}. */
export interface SendOptions {
  /** Epoch milliseconds after which it sends no more (throws); a request sent before may still succeed later. */
  deadline: number;
  /** Called with the process each request goes to, right after it was sent (to kill it from outside). */
  onSent?: (life: ServerLife) => void;
  /** Longest wait after a 503, in milliseconds, whatever Retry-After says. Default: no cap. */
  maxRetryWaitMs?: number;
  /**
   * Longest a live server may take to answer one request, in milliseconds; a slower answer throws (a turn
   * stalled, e.g. waiting for a dead process's lease). Default 30000.
   */
  maxAnswerMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a message with a fixed turn id until the server answers 200, as a client that must not lose it would:
 * after a 503 it waits `Retry-After` seconds; when the server died it waits for the supervisor's restart (same
 * data directory) and sends the same turn id again. Any other answer, or a 503 without `Retry-After` and the
 * `unavailable` code, throws.
 */
export async function sendUntilAcknowledged(
  supervisor: ServerSupervisor,
  conversationId: string,
  text: string,
  turnId: string,
  options: SendOptions,
): Promise<Acknowledged> {
  let attempts = 0;
  let unavailable = 0;
  let connectionFailures = 0;
  let last = 'nothing sent';
  const started = Date.now();
  for (;;) {
    if (Date.now() > options.deadline) {
      throw new Error(
        `"${text}" (${conversationId}/${turnId}) was not acknowledged before the deadline: ${attempts} attempts, ${unavailable} × 503, ${connectionFailures} connection failures; last: ${last}`,
      );
    }
    const life = await supervisor.running();
    attempts += 1;
    const maxAnswerMs = options.maxAnswerMs ?? 30_000;
    const sent = postTurn(life.url, conversationId, text, turnId, maxAnswerMs);
    options.onSent?.(life);
    let answer: TurnAnswer;
    try {
      answer = await sent;
    } catch (error) {
      const died = await supervisor.diedWithin(life, 3000);
      if (!died && (error as Error).name === 'TimeoutError') {
        throw new Error(
          `server #${life.generation} took more than ${maxAnswerMs} ms to answer "${text}" (${conversationId}/${turnId}); ${attempts} attempts, ${unavailable} × 503, ${connectionFailures} connection failures before`,
        );
      }
      connectionFailures += 1;
      last = `connection failed (${(error as Error).message}) on server #${life.generation}`;
      // A dead server is restarted by the next running(); a live one gets the request again shortly.
      if (!died) await sleep(100);
      continue;
    }
    if (answer.status === 200) {
      return {
        status: answer.body.status ?? '',
        reply: answer.body.reply ?? '',
        events: answer.body.events ?? [],
        attempts,
        unavailable,
        connectionFailures,
        elapsedMs: Date.now() - started,
      };
    }
    if (answer.status === 503) {
      unavailable += 1;
      last = `503 ${JSON.stringify(answer.body)} from server #${life.generation}`;
      const seconds = Number(answer.retryAfter);
      if (answer.retryAfter === null || !(seconds >= 0) || answer.body.error?.code !== 'unavailable') {
        throw new Error(`a 503 without Retry-After or the unavailable code: ${JSON.stringify(answer)}`);
      }
      await sleep(Math.min(seconds * 1000, options.maxRetryWaitMs ?? Number.POSITIVE_INFINITY));
      continue;
    }
    throw new Error(
      `"${text}" (${conversationId}/${turnId}) got ${answer.status} ${JSON.stringify(answer.body)} from server #${life.generation}`,
    );
  }
}

/** One transcript line, as the history endpoint returns it. */
export interface HistoryLine {
  role: 'user' | 'bot';
  text: string;
  turnId: string;
  at: number;
}

/** The whole transcript of a conversation, read page by page (`limit`, then the `next` cursor). */
export async function readWholeHistory(
  url: string,
  conversationId: string,
  pageSize = 5,
): Promise<HistoryLine[]> {
  const lines: HistoryLine[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page += 1) {
    const query = new URLSearchParams({ limit: String(pageSize), ...(cursor ? { cursor } : {}) });
    const response = await fetch(
      `${url}/api/conversations/${encodeURIComponent(conversationId)}/history?${query}`,
      { headers: testAuthorization, signal: AbortSignal.timeout(10_000) },
    );
    if (response.status !== 200) throw new Error(`history: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { history: HistoryLine[]; next: string | null };
    lines.push(...body.history);
    cursor = body.next;
    if (!cursor) return lines;
  }
  throw new Error('history: more than 1000 pages');
}

/** `GET /healthz`: its status code, Retry-After and body. */
export async function readHealth(
  url: string,
): Promise<{ status: number; retryAfter: string | null; body: { status?: string; reason?: string } }> {
  const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { status?: string; reason?: string },
  };
}

/**
 * Posts a message to one running server, sending it again (same turn id) after each 503 as its Retry-After
 * says, until an answer other than 503 comes or `withinMs` passed; returns that answer and the 503s before it.
 */
export async function postWhileUnavailable(
  url: string,
  conversationId: string,
  text: string,
  turnId: string,
  withinMs: number,
): Promise<TurnAnswer & { unavailable: number }> {
  const deadline = Date.now() + withinMs;
  for (let unavailable = 0; ; unavailable += 1) {
    const answer = await postTurn(url, conversationId, text, turnId);
    if (answer.status !== 503 || Date.now() > deadline) return { ...answer, unavailable };
    await sleep(Number(answer.retryAfter ?? 1) * 1000);
  }
}
