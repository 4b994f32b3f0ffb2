import { ParleyError } from '../../core/contracts/errors/parley-error.ts';
import type { WebError, WebErrorCode } from './protocol.ts';

/** A web client's request was refused: a bad token, a foreign origin, a message over a limit. */
export class WebChannelError extends ParleyError {
  constructor(
    readonly code: WebErrorCode,
    message: string,
    /** For `rate_limited`: milliseconds until the next message is accepted. */
    readonly retryAfterMs?: number,
  ) {
    super('WebChannelError', message, { retryable: code === 'rate_limited' || code === 'unavailable' });
  }

  /** The error as the wire protocol carries it. */
  toWire(turnId?: string): WebError {
    return {
      code: this.code,
      message: this.message,
      ...(turnId === undefined ? {} : { turnId }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}
