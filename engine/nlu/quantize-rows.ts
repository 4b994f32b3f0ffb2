/** A matrix stored as 8-bit codes with one scale per row: value = code × scale. */
export interface QuantizedRows {
  /** One code in [-127, 127] per value, row after row. */
  codes: Int8Array;
  /** One scale per row: the row's largest magnitude / 127 (0 for an all-zero row). */
  scales: Float32Array;
}

/**
 * Quantizes a row-major matrix of `rowLength` columns to 8 bits per value with a scale per row, 4
 * times smaller than float32; each value moves by at most half a step (its row's largest magnitude /
 * 254). {@link dequantizeRows} restores the same float32 values every time.
 */
export function quantizeRows(values: Float32Array, rowLength: number): QuantizedRows {
  const rows = values.length / rowLength;
  const codes = new Int8Array(values.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const start = r * rowLength;
    let max = 0;
    for (let i = start; i < start + rowLength; i++) max = Math.max(max, Math.abs(values[i]!));
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    if (scale === 0) continue;
    for (let i = start; i < start + rowLength; i++) {
      codes[i] = Math.max(-127, Math.min(127, Math.round(values[i]! / scale)));
    }
  }
  return { codes, scales };
}

/** The float32 matrix that {@link QuantizedRows} stand for. */
export function dequantizeRows({ codes, scales }: QuantizedRows, rowLength: number): Float32Array {
  const values = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) values[i] = codes[i]! * scales[Math.floor(i / rowLength)]!;
  return values;
}
