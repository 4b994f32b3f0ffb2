const digitWords: Readonly<Record<string, string>> = {
  zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};

/**
 * Writes runs of spoken digits as digits ("four zero two one one" → "40211") so that digit entities (order
 * numbers, codes) read them as typed. A run needs at least `minimumRun` digit words (default 2, so "one" in
 * "just one item" stays a word); "oh" counts as zero only inside a run.
 */
export function spokenDigitsToText(text: string, minimumRun = 2): string {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    const zeroOnlyStart = run.length > 0 && (run[0] === 'oh' || run[0] === 'o');
    if (run.length >= minimumRun && !(zeroOnlyStart && run.length === 1)) out.push(run.map((w) => digitWords[w]).join(''));
    else out.push(...run);
    run = [];
  };
  for (const word of words) {
    if (digitWords[word.toLowerCase()] !== undefined) run.push(word.toLowerCase());
    else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out.join(' ');
}
