import { InputError } from './contracts/errors/input-error.ts';
import { type TranscriptQuery, transcriptLimits } from './contracts/transcript.ts';

/** A transcript query checked and decoded: the line number to start after and the page size. */
export interface TranscriptRangeQuery {
  afterSeq: number;
  limit: number;
}

/** The opaque cursor of the page after line `seq`. */
export function encodeTranscriptCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ after: seq })).toString('base64url');
}

/**
 * Checks a transcript query and decodes its cursor. Throws `InputError` naming `limit` (not an integer from 1
 * to {@link transcriptLimits.maxPageLines}) or `cursor` (not one this server handed out).
 */
export function decodeTranscriptQuery(query: TranscriptQuery = {}): TranscriptRangeQuery {
  const limit = query.limit ?? transcriptLimits.defaultPageLines;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > transcriptLimits.maxPageLines) {
    throw new InputError('limit', `must be an integer from 1 to ${transcriptLimits.maxPageLines}, got ${String(query.limit)}`);
  }
  if (query.cursor === undefined) return { afterSeq: 0, limit };
  let after: unknown;
  try {
    after = (JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as { after?: unknown }).after;
  } catch {
    after = undefined;
  }
  if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < 0) {
    throw new InputError('cursor', 'is not a cursor of this transcript; pass back the "next" of the previous page');
  }
  return { afterSeq: after, limit };
}
