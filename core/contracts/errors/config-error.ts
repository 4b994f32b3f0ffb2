import { ParleyError } from './parley-error.ts';

/** A bot configuration value is missing or wrong. `key` names it, `expected` says what would do. */
export class ConfigError extends ParleyError {
  constructor(
    readonly key: string,
    readonly expected: string,
    readonly received?: unknown,
  ) {
    const got = received === undefined ? '' : `, got ${JSON.stringify(received)}`;
    super('ConfigError', `invalid config "${key}": expected ${expected}${got}`);
  }
}
