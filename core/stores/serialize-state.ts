import { InputError } from '../contracts/errors/input-error.ts';

/**
 * The JSON text every store persists for a conversation's state. Throws `InputError` (field `state`,
 * message naming the conversation) when the state cannot be represented as JSON: a BigInt, a cycle, or a
 * top-level `undefined`, function or symbol. Values JSON drops or converts inside objects (functions,
 * `undefined` properties, `Date` → string) follow `JSON.stringify`, the same in every store.
 */
export function serializeState(conversationId: string, state: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(state);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const inputError = new InputError(
      'state',
      `conversation "${conversationId}": state is not JSON-serialisable (${reason})`,
    );
    inputError.cause = error;
    throw inputError;
  }
  if (json === undefined) {
    throw new InputError(
      'state',
      `conversation "${conversationId}": state is not JSON-serialisable (top-level ${typeof state})`,
    );
  }
  return json;
}
