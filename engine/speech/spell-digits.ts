const names = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Digits as words, one by one ("40211" → "four zero two one one"): how codes and order numbers are said. */
export function spellDigits(digits: string): string {
  return [...digits].map((d) => names[Number(d)] ?? d).join(' ');
}
