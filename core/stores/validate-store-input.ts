import { InputError } from '../contracts/errors/input-error.ts';

/** Throws `InputError` unless `conversationId` is a non-empty string. Shared by every store. */
export function validateConversationId(conversationId: unknown): asserts conversationId is string {
  if (typeof conversationId !== 'string' || conversationId.length === 0) {
    throw new InputError('conversationId', `must be a non-empty string, got ${describe(conversationId)}`);
  }
}

/** Throws `InputError` unless `expectedVersion` is a non-negative safe integer (0 means "new"). */
export function validateExpectedVersion(conversationId: string, expectedVersion: unknown): void {
  if (typeof expectedVersion !== 'number' || !Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new InputError(
      'expectedVersion',
      `conversation "${conversationId}": must be an integer >= 0 (0 for a new conversation), got ${describe(expectedVersion)}`,
    );
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${String(value)}`;
}
