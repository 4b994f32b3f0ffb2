import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type DialogueMessages, defaultDialogueMessages } from '../contracts/dialogue-messages.ts';

/** What zod (and schemas like it) add to a Standard Schema issue: the check that failed and its limit. */
type DetailedIssue = StandardSchemaV1.Issue & { code?: string; origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean };

/** zod's own wording, written for developers ("Too big: expected number to be <=4", "Invalid string: must match pattern …"). */
const libraryWording = /^(Too (big|small): expected|Invalid (input|string|option|type|email|url|uuid|date|value|key|element|union|enum|format|number|literal)\b)/;

/**
 * The reason a user is told when a slot's schema refuses their value: the schema's own message when its author wrote
 * one; otherwise, instead of the library's developer wording, the limit in words ("The number of people can be at
 * most 4.") or that the value is not a valid one.
 */
export function schemaIssueReason(
  issue: StandardSchemaV1.Issue | undefined,
  label: string,
  messages: Pick<DialogueMessages, 'outOfRange' | 'notValid'>,
): string {
  const notValid = messages.notValid ?? defaultDialogueMessages.notValid!;
  if (!issue) return notValid(label);
  if (!libraryWording.test(issue.message)) return issue.message;
  const { code, origin, minimum, maximum, inclusive } = issue as DetailedIssue;
  const outOfRange = messages.outOfRange ?? defaultDialogueMessages.outOfRange!;
  if ((origin === 'number' || origin === 'int' || origin === 'bigint') && (code === 'too_big' || code === 'too_small')) {
    const bound = Number(code === 'too_big' ? maximum : minimum);
    return outOfRange(label, { [code === 'too_big' ? 'max' : 'min']: bound, inclusive: inclusive !== false });
  }
  return notValid(label);
}
