/** Where a JSON number's text is: after `-`, a lone `0`, integer digits, `.`, fraction, exponent parts. */
export const NumberPhase = {
  minus: 0,
  zero: 1,
  integer: 2,
  dot: 3,
  fraction: 4,
  exponent: 5,
  exponentSign: 6,
  exponentDigits: 7,
} as const;

/** One of {@link NumberPhase}'s values. */
export type NumberPhase = (typeof NumberPhase)[keyof typeof NumberPhase];

/** Phases where the number may end. */
export function numberPhaseComplete(phase: NumberPhase): boolean {
  return (
    phase === NumberPhase.zero ||
    phase === NumberPhase.integer ||
    phase === NumberPhase.fraction ||
    phase === NumberPhase.exponentDigits
  );
}
