import { ParleyError } from '../../../core/contracts/errors/parley-error.ts';
import { ExecutionProviderUnavailableError } from './execution-provider-unavailable-error.ts';
import type { ExecutionDevice } from './onnx-device.ts';
import type { SerializedError } from './worker-protocol.ts';

/**
 * Rebuilds an error that crossed the thread boundary: the class of the same name where this module knows
 * it, otherwise a ParleyError with the same stable `name`, message, `retryable` and fields.
 */
export function reviveError(error: SerializedError): Error {
  const f = error.fields;
  if (error.name === 'ExecutionProviderUnavailableError') {
    return new ExecutionProviderUnavailableError(
      String(f['device']),
      String(f['missing']),
      (f['tried'] as Array<{ device: ExecutionDevice; error: string }>) ?? [],
    );
  }
  const revived = new ParleyError(error.name, error.message, { retryable: error.retryable });
  for (const [key, value] of Object.entries(f)) {
    if (!(key in revived)) Object.defineProperty(revived, key, { value, enumerable: true });
  }
  return revived;
}
