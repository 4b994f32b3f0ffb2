import { ParleyError } from './parley-error.ts';

/** A save found a different version stored than the one the caller loaded (optimistic concurrency). */
export class ConversationConflictError extends ParleyError {
  constructor(
    readonly conversationId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      'ConversationConflictError',
      `conversation "${conversationId}" was saved by someone else: expected version ${expectedVersion}, found ${actualVersion}`,
      { retryable: true },
    );
  }
}
