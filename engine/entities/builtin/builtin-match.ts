/** What a built-in finder returns: the span (`end` exclusive), its normalised value and the details behind it. */
export interface BuiltinMatch {
  start: number;
  end: number;
  value: string | number;
  resolution?: Record<string, string | number>;
  /** The phrase a word with typos was taken for ("wendsday" → "wednesday"), and how many typos. */
  matched?: string;
  typos?: number;
}
