import { setTimeout as sleep } from 'node:timers/promises';
import { definedOnly } from './defined-only.ts';
import { SlackApiError } from './slack-api-error.ts';

/** Slack's Web API (public). */
export const slackApiUrl = 'https://slack.com/api/';

/** Options of {@link createSlackWebApi}. */
export interface SlackWebApiOptions {
  /** The bot token, `xoxb-…` (env `SLACK_BOT_TOKEN`). */
  token: string;
  /** The API's base URL, ending in `/` (env `SLACK_API_URL`). Default {@link slackApiUrl}. */
  baseUrl?: string;
  /** Attempts after the first for a rate-limited (429) or failed (5xx, network) call. Default 3. */
  maxRetries?: number;
  /** First backoff for 5xx and network errors, in milliseconds, doubled each time. Default 1000. */
  backoffMs?: number;
  /** Longest wait Slack's `Retry-After` may ask for, in seconds; a longer one fails the call. Default 60. */
  maxRetryAfterS?: number;
  /** Milliseconds one call may take. Default 10000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Waits that many milliseconds. Default a timer. */
  sleep?: (ms: number) => Promise<unknown>;
}

/** The defaults of {@link SlackWebApiOptions}. */
export const defaultSlackWebApiOptions = { baseUrl: slackApiUrl, maxRetries: 3, backoffMs: 1000, maxRetryAfterS: 60, timeoutMs: 10_000 };

/** A message to post: Markdown-ish `text` (mrkdwn), optional Block Kit `blocks`, in a thread when `thread_ts` is set. */
export interface SlackMessage {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks?: readonly object[];
}

/** The Slack Web API methods the channel calls. */
export interface SlackWebApi {
  /** Calls a Web API method that takes a JSON body (a write); resolves with Slack's answer when `ok`. */
  call(method: string, body: object): Promise<Record<string, unknown>>;
  /** Calls a reading method with query arguments (`users.info`); resolves with Slack's answer when `ok`. */
  read(method: string, query: Record<string, string>): Promise<Record<string, unknown>>;
  /** `chat.postMessage`; resolves with the message's `ts`. */
  postMessage(message: SlackMessage): Promise<string>;
}

/**
 * A small Slack Web API client: JSON POSTs with the bot token, retrying 429 after Slack's `Retry-After` and
 * 5xx/network failures with exponential backoff; `ok: false` answers (a bad channel, a revoked token) fail at once
 * with {@link SlackApiError}. Nothing is called until a method is.
 */
export function createSlackWebApi(options: SlackWebApiOptions): SlackWebApi {
  const settings = { ...defaultSlackWebApiOptions, ...definedOnly(options) };
  const fetchImpl = options.fetch ?? fetch;
  const wait = options.sleep ?? sleep;
  const base = settings.baseUrl.endsWith('/') ? settings.baseUrl : `${settings.baseUrl}/`;

  const attempt = async (method: string, request: { body?: object; query?: Record<string, string> }): Promise<Record<string, unknown>> => {
    let response: Response;
    try {
      const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
      response = await fetchImpl(`${base}${method}${query}`, {
        method: request.body ? 'POST' : 'GET',
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(request.body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        },
        ...(request.body ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error) {
      throw new SlackApiError({ method, status: 0, slackError: (error as Error).message, retryable: true, cause: error });
    }
    if (response.status === 429) {
      const retryAfterS = Number(response.headers.get('retry-after') ?? '1');
      throw new SlackApiError({ method, status: 429, slackError: 'ratelimited', retryable: true, retryAfterS: Number.isFinite(retryAfterS) ? retryAfterS : 1 });
    }
    if (response.status >= 500) throw new SlackApiError({ method, status: response.status, slackError: 'server_error', retryable: true });
    const answer = (await response.json().catch(() => ({ ok: false, error: 'invalid_json' }))) as Record<string, unknown>;
    if (answer.ok !== true) throw new SlackApiError({ method, status: response.status, slackError: String(answer.error ?? 'unknown_error'), retryable: false });
    return answer;
  };

  const send = async (method: string, request: { body?: object; query?: Record<string, string> }) => {
    for (let retry = 0; ; retry++) {
      try {
        return await attempt(method, request);
      } catch (error) {
        const failure = error as SlackApiError;
        if (!failure.retryable || retry >= settings.maxRetries) throw error;
        if (failure.retryAfterS !== undefined && failure.retryAfterS > settings.maxRetryAfterS) throw error;
        await wait(failure.retryAfterS !== undefined ? failure.retryAfterS * 1000 : settings.backoffMs * 2 ** retry);
      }
    }
  };

  return {
    call: (method, body) => send(method, { body }),
    read: (method, query) => send(method, { query }),
    async postMessage(message) {
      const answer = await send('chat.postMessage', { body: message });
      return String(answer.ts ?? '');
    },
  };
}
