import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';

/**
 * No token of the vocabulary can continue a constrained span that is not finished. It happens only when a
 * vocabulary lacks single-byte tokens the grammar needs; `text` is what was accepted so far.
 */
export class ConstraintDeadEndError extends ParleyError {
  constructor(readonly text: string) {
    super('ConstraintDeadEndError', `no token of the vocabulary can continue ${JSON.stringify(text)}`);
  }
}
