/** A model's token vocabulary as the constrained decoder sees it. */
export interface Vocabulary {
  /** Number of token ids (logits length). */
  readonly size: number;
  /** The bytes a token writes (UTF-8 pieces for byte-level BPE); empty for special tokens. */
  bytes(id: number): Uint8Array;
  /** True for special/control tokens (end of sequence, chat markers); never allowed inside a constrained span. */
  isSpecial(id: number): boolean;
}
