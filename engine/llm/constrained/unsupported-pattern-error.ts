import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';

/**
 * A `pattern` uses regular-expression syntax outside the subset the constrained decoder compiles
 * (lookarounds, back-references, non-ASCII ranges, ...). `position` is the offending character's index.
 */
export class UnsupportedPatternError extends ParleyError {
  constructor(
    readonly pattern: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super('UnsupportedPatternError', `pattern /${pattern}/ at ${position}: ${reason}`);
  }
}
