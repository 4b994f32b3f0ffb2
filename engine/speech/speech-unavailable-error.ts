import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/**
 * A speech backend cannot run on this machine (a missing system library or model). `install` says what to
 * install, e.g. "apt-get install pocketsphinx pocketsphinx-en-us". Not retryable.
 */
export class SpeechUnavailableError extends ParleyError {
  constructor(
    readonly provider: string,
    reason: string,
    readonly install: string,
    cause?: unknown,
  ) {
    super('SpeechUnavailableError', `${provider} speech is unavailable: ${reason} (install it with: ${install})`, { cause });
  }
}
