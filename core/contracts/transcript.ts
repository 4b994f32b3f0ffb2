/** One line of a conversation's transcript. */
export interface HistoryEntry {
  role: 'user' | 'bot';
  text: string;
  /** Milliseconds since the epoch. */
  at: number;
  turnId: string;
}

/** A transcript line as a store keeps it: numbered from 1 in the order lines were written. */
export interface TranscriptLine extends HistoryEntry {
  seq: number;
}

/** One page of a transcript request, oldest first. */
export interface TranscriptQuery {
  /** Lines per page: 1 to {@link transcriptLimits.maxPageLines}. Default {@link transcriptLimits.defaultPageLines}. */
  limit?: number;
  /** The `next` of the previous page; absent for the first page. */
  cursor?: string;
}

/** A page of a transcript, oldest first; `next` is null on the last page. */
export interface TranscriptPage {
  entries: HistoryEntry[];
  /** Opaque: pass it back as {@link TranscriptQuery.cursor} for the following page. */
  next: string | null;
}

/** Page sizes of transcript requests. */
export const transcriptLimits = {
  defaultPageLines: 100,
  maxPageLines: 500,
};
