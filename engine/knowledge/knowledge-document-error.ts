import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/** A knowledge document exists but could not be read (permissions, an I/O error). */
export class KnowledgeDocumentError extends ParleyError {
  constructor(
    /** The document's path relative to the knowledge folder. */
    readonly file: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('KnowledgeDocumentError', `cannot read knowledge document "${file}": ${reason}`, {
      cause,
      retryable: true,
    });
  }
}
