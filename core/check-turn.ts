import { InputError } from './contracts/errors/input-error.ts';
import type { UserTurn } from './contracts/user-turn.ts';

/** Limits on a user turn. */
export const turnLimits = {
  /** Longest text accepted, in characters. */
  maxTextLength: 4000,
  /** Longest id accepted (turn, conversation, user), in characters. */
  maxIdLength: 200,
};

/** Throws `InputError` naming the field when a turn is malformed: ids empty or too long, text empty or too long. */
export function checkTurn(turn: UserTurn): void {
  const id = (field: string, value: unknown) => {
    if (typeof value !== 'string' || value.length === 0 || value.length > turnLimits.maxIdLength) {
      throw new InputError(field, `must be a non-empty string of at most ${turnLimits.maxIdLength} characters`);
    }
  };
  id('turn.id', turn.id);
  id('turn.conversationId', turn.conversationId);
  id('turn.user.id', turn.user?.id);
  if (typeof turn.text !== 'string' || turn.text.trim().length === 0) throw new InputError('turn.text', 'must be non-empty text');
  if (turn.text.length > turnLimits.maxTextLength) {
    throw new InputError('turn.text', `is ${turn.text.length} characters; the limit is ${turnLimits.maxTextLength}`);
  }
}
