/** A token of the sequence tagger, with its offsets in the utterance (`end` exclusive). */
export interface TaggerToken {
  text: string;
  start: number;
  end: number;
}

// Words keep inner apostrophes and hyphens ("don't", "hip-hop"); digits with separators stay one token ("3,5").
const tokenPattern = /[\p{L}\p{M}\p{N}]+(?:['’\-.,:][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

/** Splits an utterance into word, number and punctuation tokens, each with its offsets. */
export function tokenizeForTagger(text: string): TaggerToken[] {
  return [...text.matchAll(tokenPattern)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}
