import type { TranscriptLine } from '../contracts/transcript.ts';

/** A transcript row as SQL returns it. */
export interface TranscriptRow {
  seq: number;
  role: 'user' | 'bot';
  text: string;
  at: number;
  turn_id: string;
}

/** The contract's {@link TranscriptLine} of a stored row. */
export function toTranscriptLine(row: TranscriptRow): TranscriptLine {
  return { seq: row.seq, role: row.role, text: row.text, at: row.at, turnId: row.turn_id };
}
