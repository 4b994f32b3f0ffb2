/**
 * Decides, step by step, which tokens a generation may produce. The decoder asks `mask()` before each
 * step, sets the logits of forbidden tokens to -Infinity, picks a token and calls `advance`.
 */
export interface TokenConstraint {
  /** Allowed next tokens: one entry per vocabulary id, 1 = allowed. Never all zero while not finished. */
  mask(): Uint8Array;
  /** Records the chosen token; throws `ConstraintViolationError`-like errors for a token the mask forbade. */
  advance(id: number): void;
  /** True once the constrained span is complete; the decoder stops applying the constraint. */
  readonly finished: boolean;
}
