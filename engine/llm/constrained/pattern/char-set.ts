/**
 * A set of Unicode characters as a pattern class sees it: an exact set of ASCII characters plus either
 * every non-ASCII character (`'all'`) or a finite, sorted list of non-ASCII code points.
 */
export interface CharSet {
  /** One entry per ASCII code 0..127; 1 = in the set. */
  readonly ascii: Uint8Array;
  readonly nonAscii: 'all' | readonly number[];
}

/** An empty set. */
export function emptyCharSet(): { ascii: Uint8Array; nonAscii: 'all' | number[] } {
  return { ascii: new Uint8Array(128), nonAscii: [] };
}

/** A set of the ASCII code points from `from` to `to`, inclusive. */
export function asciiRange(from: number, to: number): CharSet {
  const set = emptyCharSet();
  set.ascii.fill(1, from, to + 1);
  return set;
}

/** The union of `sets`. */
export function unionCharSets(sets: readonly CharSet[]): CharSet {
  const ascii = new Uint8Array(128);
  let all = false;
  const points = new Set<number>();
  for (const set of sets) {
    for (let i = 0; i < 128; i++) ascii[i] = ascii[i]! | set.ascii[i]!;
    if (set.nonAscii === 'all') all = true;
    else for (const point of set.nonAscii) points.add(point);
  }
  return { ascii, nonAscii: all ? 'all' : [...points].sort((a, b) => a - b) };
}

/**
 * The complement of `set`, or null when it cannot be represented (the complement of a finite list of
 * non-ASCII characters within all of Unicode).
 */
export function negateCharSet(set: CharSet): CharSet | null {
  if (set.nonAscii !== 'all' && set.nonAscii.length > 0) return null;
  const ascii = new Uint8Array(128);
  for (let i = 0; i < 128; i++) ascii[i] = set.ascii[i] === 1 ? 0 : 1;
  return { ascii, nonAscii: set.nonAscii === 'all' ? [] : 'all' };
}

/** Every character, line terminators included. */
export function anyCharSet(): CharSet {
  return { ascii: new Uint8Array(128).fill(1), nonAscii: 'all' };
}

/** `\d`, `\w` and `\s` (ASCII whitespace only), by their escape letter. */
export function classEscapeSet(letter: 'd' | 'w' | 's'): CharSet {
  const set = emptyCharSet();
  if (letter === 'd') set.ascii.fill(1, 0x30, 0x3a);
  if (letter === 'w') {
    set.ascii.fill(1, 0x30, 0x3a);
    set.ascii.fill(1, 0x41, 0x5b);
    set.ascii.fill(1, 0x61, 0x7b);
    set.ascii[0x5f] = 1;
  }
  if (letter === 's') for (const code of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]) set.ascii[code] = 1;
  return set;
}
