import { InputError } from '../contracts/errors/input-error.ts';
import type { EffectStart, Lease, TranscriptRange } from '../contracts/conversation-store.ts';
import type { UserTurn } from '../contracts/user-turn.ts';

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

/** Throws `InputError` unless `turn` has string `id` and `conversationId`. */
export function validateTurn(turn: UserTurn): void {
  validateConversationId(turn?.conversationId);
  if (typeof turn.id !== 'string' || turn.id.length === 0) throw new InputError('turn.id', `must be a non-empty string, got ${describe(turn.id)}`);
}

/** Throws `InputError` unless `lease` names a conversation, an owner and an integer token. */
export function validateLease(lease: Lease): void {
  if (typeof lease !== 'object' || lease === null || typeof lease.owner !== 'string' || !Number.isSafeInteger(lease.token)) {
    throw new InputError('lease', 'must be a lease returned by acquireLease');
  }
}

/** Throws `InputError` unless the effect has a key, a conversation, a turn, a command and a lease. */
export function validateEffect(effect: EffectStart): void {
  validateConversationId(effect?.conversationId);
  for (const field of ['key', 'turnId', 'command'] as const) {
    if (typeof effect[field] !== 'string' || effect[field].length === 0) throw new InputError(`effect.${field}`, `must be a non-empty string, got ${describe(effect[field])}`);
  }
  validateLease(effect.lease);
}

/** Throws `InputError` unless the range has an integer `afterSeq` >= 0 and an integer `limit` >= 1. */
export function validateRange(range: TranscriptRange): void {
  if (!Number.isSafeInteger(range?.afterSeq) || range.afterSeq < 0) throw new InputError('afterSeq', `must be an integer >= 0, got ${describe(range?.afterSeq)}`);
  if (!Number.isSafeInteger(range.limit) || range.limit < 1) throw new InputError('limit', `must be an integer >= 1, got ${describe(range.limit)}`);
}

/** Throws `InputError` unless the arguments of `reviseReply` are a conversation id, a turn id and a string. */
export function validateReplyRevision(conversationId: unknown, turnId: unknown, text: unknown): void {
  validateConversationId(conversationId);
  if (typeof turnId !== 'string' || turnId.length === 0) throw new InputError('turnId', `must be a non-empty string, got ${describe(turnId)}`);
  if (typeof text !== 'string') throw new InputError('text', `must be a string, got ${describe(text)}`);
}
