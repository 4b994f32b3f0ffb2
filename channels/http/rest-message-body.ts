import { createHash } from 'node:crypto';
import { z } from 'zod';
import { turnLimits } from '../../core/check-turn.ts';
import { HttpError } from './http-error.ts';

/** A parsed `POST /api/conversations/{id}/messages` body. */
export interface RestMessage {
  /** The text as sent, without surrounding white space. */
  text: string;
  turnId?: string | undefined;
  userId?: string | undefined;
  locale?: string | undefined;
}

/** True for text with a lone surrogate (not well-formed UTF-16), which no store or log can keep faithfully. */
export const hasLoneSurrogate = (text: string): boolean => /\p{Cs}/u.test(text);

const id = (name: string) =>
  z
    .string({ error: `${name} must be a string` })
    .min(1, `${name} must not be empty`)
    .refine((value) => value.length <= turnLimits.maxIdLength, `${name} is limited to ${turnLimits.maxIdLength} UTF-16 code units`)
    .refine((value) => !hasLoneSurrogate(value), `${name} must be well-formed Unicode`);

// Lengths count UTF-16 code units (JavaScript's `length`), as `checkTurn` and the web channel do: an emoji
// outside the Basic Multilingual Plane counts 2. The text's length is measured as sent, before trimming.
const messageBody = z
  .object({
    text: z
      .string({ error: 'text is required and must be a string' })
      // zod's max() counts code points; the limit is in UTF-16 code units, like checkTurn's.
      .refine((value) => value.length <= turnLimits.maxTextLength, `text is limited to ${turnLimits.maxTextLength} characters (UTF-16 code units)`)
      .refine((value) => value.trim().length > 0, 'text must not be empty')
      .refine((value) => !hasLoneSurrogate(value), 'text must be well-formed Unicode'),
    /** Idempotency key: a retry with the same id returns the first reply. */
    turnId: id('turnId').optional(),
    userId: id('userId').optional(),
    locale: z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$/, 'locale must be a language tag like en or pt-BR').optional(),
  })
  .strict();

/** Checks a message body; throws `HttpError` 422 `invalid_message` naming the field and the limit. */
export function parseRestMessage(body: unknown): RestMessage {
  const parsed = messageBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(422, 'invalid_message', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return { ...parsed.data, text: parsed.data.text.trim() };
}

/**
 * The user id of a REST turn that names none: `rest:<conversation id>`, or, when that would pass the id limit,
 * `rest:#` and the id's SHA-256 (base64url), so every accepted conversation id gives a valid user id.
 */
export function restUserId(conversationId: string): string {
  const plain = `rest:${conversationId}`;
  if (plain.length <= turnLimits.maxIdLength) return plain;
  return `rest:#${createHash('sha256').update(conversationId, 'utf8').digest('base64url')}`;
}
