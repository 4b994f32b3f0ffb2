import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';

/**
 * A decoder advanced a constraint with a token its mask forbade (or after it finished). `tokenId` is the
 * token, `text` what the constraint had accepted before it.
 */
export class ConstraintViolationError extends ParleyError {
  constructor(
    readonly tokenId: number,
    readonly text: string,
    reason: string,
  ) {
    super('ConstraintViolationError', `token ${tokenId} after ${JSON.stringify(text)}: ${reason}`);
  }
}
