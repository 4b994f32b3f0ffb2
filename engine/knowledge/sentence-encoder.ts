/**
 * A sentence embedding model (e.g. a local ONNX export of all-MiniLM-L6-v2 or bge-small run in
 * process), used to re-rank knowledge passages by meaning. Vectors of one encoder have one length.
 */
export interface SentenceEncoder {
  /** Implementation id, e.g. "onnx:all-MiniLM-L6-v2". */
  readonly provider: string;
  /** One vector per text, in order. Need not be normalised. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
