/**
 * Splits text into sentences for speaking one at a time: after `.`, `!`, `?` or `…` followed by white space, and
 * at line breaks. Decimal points and initials without a following space stay inside their sentence.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
