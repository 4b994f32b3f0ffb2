import { ParleyError } from '../../core/contracts/errors/parley-error.ts';

/** Tools were offered to a model whose tool-call format cannot be determined from its chat template and config. */
export class ToolCallsUnsupportedError extends ParleyError {
  constructor(
    readonly modelId: string,
    reason: string,
  ) {
    super('ToolCallsUnsupportedError', `${modelId} cannot call tools: ${reason}`);
  }
}
