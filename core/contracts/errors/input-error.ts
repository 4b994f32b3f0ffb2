import { ParleyError } from './parley-error.ts';

/** Input from outside (a request, a turn, a CLI argument) is malformed. `field` names what is wrong. */
export class InputError extends ParleyError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('InputError', `${field}: ${message}`);
  }
}
