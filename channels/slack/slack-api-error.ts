import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/**
 * A Slack Web API call failed: the method, the HTTP status (0 when no answer came), Slack's `error` code (e.g.
 * "channel_not_found") and, for a 429, the seconds Slack asked to wait.
 */
export class SlackApiError extends ParleyError {
  readonly method: string;
  readonly status: number;
  readonly slackError: string;
  readonly retryAfterS: number | undefined;

  constructor(evidence: { method: string; status: number; slackError: string; retryable: boolean; retryAfterS?: number; cause?: unknown }) {
    super('SlackApiError', `Slack ${evidence.method} failed: ${evidence.status} ${evidence.slackError}`, {
      retryable: evidence.retryable,
      cause: evidence.cause,
    });
    this.method = evidence.method;
    this.status = evidence.status;
    this.slackError = evidence.slackError;
    this.retryAfterS = evidence.retryAfterS;
  }
}
