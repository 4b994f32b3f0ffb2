import type { BuiltinMatch } from './builtin-match.ts';

/** Longest piece of text a recognizer library sees at once, in characters. */
export const maxSegmentLength = 160;

/**
 * Splits a text into pieces of at most `maxLength` characters: at sentence ends first (". ", "? ", "; ", new
 * lines), then, for a longer sentence, at the last space before the limit. Each piece keeps its offset.
 */
export function segmentText(text: string, maxLength = maxSegmentLength): Array<{ start: number; text: string }> {
  const pieces: Array<{ start: number; text: string }> = [];
  const ends = [...text.matchAll(/[.!?;]+(?=\s)|\n/g)].map((m) => m.index + m[0].length);
  let start = 0;
  for (const end of [...ends, text.length]) {
    while (end - start > maxLength) {
      const space = text.lastIndexOf(' ', start + maxLength);
      const cut = space > start ? space : start + maxLength;
      pieces.push({ start, text: text.slice(start, cut) });
      start = cut;
    }
    if (end > start) pieces.push({ start, text: text.slice(start, end) });
    start = Math.max(start, end);
  }
  return pieces;
}

/**
 * Runs a finder on each segment of the text ({@link segmentText}) and shifts its matches back to offsets in the
 * whole text. The recognizer libraries slow down faster than the length of what they read (a message of 2,000
 * numbers took minutes), so they never read more than one sentence or {@link maxSegmentLength} characters.
 */
export function bySegments(text: string, find: (segment: string) => BuiltinMatch[]): BuiltinMatch[] {
  if (text.length <= maxSegmentLength) return find(text);
  return segmentText(text).flatMap((segment) => find(segment.text).map((m) => ({ ...m, start: m.start + segment.start, end: m.end + segment.start })));
}
