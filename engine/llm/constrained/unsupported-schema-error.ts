import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';

/**
 * A JSON Schema given to the constrained decoder uses a keyword it does not enforce, or cannot be
 * satisfied at all. `path` is a JSON Pointer to the offending place (e.g. `#/properties/order_id`).
 */
export class UnsupportedSchemaError extends ParleyError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('UnsupportedSchemaError', `schema ${path}: ${reason}`);
  }
}
