import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/**
 * An incoming Bot Framework request that is not proven to come from the connector: no or malformed
 * `Authorization` header, a token that fails a check, or keys that could not be fetched. `status` is what the
 * endpoint answers (401, or 403 when a valid token is not allowed for the activity); `reason` names the check.
 */
export class BotFrameworkAuthError extends ParleyError {
  constructor(
    readonly status: 401 | 403,
    readonly reason: string,
    message: string,
    cause?: unknown,
  ) {
    super('BotFrameworkAuthError', message, { retryable: false, ...(cause === undefined ? {} : { cause }) });
  }
}
