import { ParleyError } from './parley-error.ts';

/** A conversation store was used after `close()`. `provider` names the store ("memory", "sqlite"). */
export class StoreClosedError extends ParleyError {
  constructor(readonly provider: string) {
    super('StoreClosedError', `the ${provider} conversation store is closed`);
  }
}
