const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
// A segment ending in one of these is not the end of a sentence ("e.g. shoes", "P.O. boxes").
const abbreviation =
  /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|approx|incl|excl|no|nos|mr|mrs|ms|dr|st|p\.o|u\.s|[A-Z])\.\s*$/i;

/**
 * Splits plain text into sentences: every line is at least one (lists, table rows), and each line
 * is cut with the ICU sentence rules, rejoining cuts after common abbreviations. Trimmed, no empties.
 *
 * @example
 * splitSentences('Free over $50. We do not ship to P.O. Boxes abroad.\nExpress: $14.99')
 * // ['Free over $50.', 'We do not ship to P.O. Boxes abroad.', 'Express: $14.99']
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split('\n')) {
    let pending = '';
    for (const { segment } of segmenter.segment(line)) {
      pending += segment;
      if (!abbreviation.test(pending)) {
        if (pending.trim() !== '') sentences.push(pending.trim());
        pending = '';
      }
    }
    if (pending.trim() !== '') sentences.push(pending.trim());
  }
  return sentences;
}
