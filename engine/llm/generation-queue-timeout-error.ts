import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/**
 * A generation waited longer than its queue deadline for one of the model's bounded generation slots.
 * Retryable: the model is busy, not broken.
 */
export class GenerationQueueTimeoutError extends ParleyError {
  constructor(
    /** Milliseconds the request waited. */
    readonly waitedMs: number,
    /** How many generations the model runs at once. */
    readonly maxConcurrent: number,
    /** Requests that were waiting when this one gave up (including it). */
    readonly queued: number,
  ) {
    super(
      'GenerationQueueTimeoutError',
      `generation waited ${Math.round(waitedMs)} ms for a free slot (${maxConcurrent} running at most, ${queued} waiting); ` +
        'raise maxConcurrent or queueTimeoutMs, or serve the model from a GPU or an OpenAI-compatible server',
      { retryable: true },
    );
  }
}
