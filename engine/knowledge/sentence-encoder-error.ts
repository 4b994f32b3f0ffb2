import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/** A sentence encoder answered with the wrong number of vectors (a broken encoder, not bad input). */
export class SentenceEncoderError extends ParleyError {
  constructor(
    /** The encoder's `provider`. */
    readonly provider: string,
    readonly expected: number,
    readonly received: number,
  ) {
    super(
      'SentenceEncoderError',
      `sentence encoder ${provider} returned ${received} vectors for ${expected} texts`,
    );
  }
}
