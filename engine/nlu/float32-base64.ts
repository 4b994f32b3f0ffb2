/** Encodes 32-bit floats as base64 of their little-endian bytes (exact, and ~5.3 characters a number). */
export function encodeFloat32Base64(values: Float32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i]!, i * 4);
  return bytes.toString('base64');
}

/**
 * Decodes {@link encodeFloat32Base64}'s output. Returns `undefined` when `text` is not base64 of a
 * whole number of floats.
 */
export function decodeFloat32Base64(text: string): Float32Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  const values = new Float32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readFloatLE(i * 4);
  return values;
}
