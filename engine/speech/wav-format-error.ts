import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/** Audio that is not a WAV file parley can read (not RIFF/WAVE, not 16-bit PCM, a sample rate out of range). */
export class WavFormatError extends ParleyError {
  constructor(message: string) {
    super('WavFormatError', message);
  }
}
