import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/** The knowledge index file could not be written (the index in memory is still up to date). */
export class KnowledgeIndexError extends ParleyError {
  constructor(
    /** The index file's path. */
    readonly indexFile: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('KnowledgeIndexError', `cannot write knowledge index "${indexFile}": ${reason}`, {
      cause,
      retryable: true,
    });
  }
}
