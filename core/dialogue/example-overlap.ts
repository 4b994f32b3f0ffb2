const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);

/**
 * How closely `text` matches the nearest example of an intent, as the Jaccard overlap of their word sets
 * in [0, 1]. A classifier can be confident on a phrase it never saw ("it does not fit" reads like a cancel);
 * when a wrong guess would lose what the user typed, the dialogue also asks for this direct evidence.
 */
export function exampleOverlap(text: string, examples: readonly string[]): number {
  const mine = words(text);
  let best = 0;
  for (const example of examples) {
    const theirs = words(example);
    let shared = 0;
    for (const word of mine) if (theirs.has(word)) shared += 1;
    const union = mine.size + theirs.size - shared;
    if (union > 0) best = Math.max(best, shared / union);
  }
  return best;
}
