import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/** A request to the Slack endpoints that is not proven to come from Slack; `reason` names the failed check. */
export class SlackAuthError extends ParleyError {
  constructor(
    readonly reason: 'missing_signature' | 'malformed_signature' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature',
    message: string,
  ) {
    super('SlackAuthError', message, { retryable: false });
  }
}
