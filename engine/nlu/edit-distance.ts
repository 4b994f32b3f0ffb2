/**
 * The optimal-string-alignment distance between two strings: insertions, deletions, substitutions and swaps of
 * two adjacent characters each count one ("larg" → "large" is 1, "lrage" → "large" is 1). Stops early and
 * returns `limit + 1` once the distance is known to exceed `limit`, so comparing a word with a long list is cheap.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/**
 * How many typos a phrase of `length` characters tolerates: none up to 3 characters (too many short words are
 * one letter apart), 1 up to 7, 2 from 8 on.
 */
export function typoAllowance(length: number): number {
  if (length <= 3) return 0;
  return length <= 7 ? 1 : 2;
}
