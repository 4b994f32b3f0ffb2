/** A sparse feature vector: parallel arrays of feature indices (ascending) and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}
