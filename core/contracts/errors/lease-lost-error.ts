import { ParleyError } from './parley-error.ts';

/**
 * Another process holds (or took over) the conversation's lease: this one may not write it. Retryable: the
 * turn is finished by the lease holder, or by this process once the lease is free.
 */
export class LeaseLostError extends ParleyError {
  constructor(readonly conversationId: string, readonly token: number) {
    super('LeaseLostError', `conversation "${conversationId}" is leased by another process (our fencing token ${token} is stale)`, { retryable: true });
  }
}
