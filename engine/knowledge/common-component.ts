/**
 * The first principal direction (unit length) of a set of vectors, uncentered, as SIF's common-component
 * removal uses it: the direction most vectors of a corpus share (frequent words, the corpus' topic), which
 * says little about which passage answers. Power iteration on the d × d second-moment matrix; `undefined`
 * for no vectors or all zeros.
 */
export function firstPrincipalDirection(vectors: readonly Float32Array[], iterations = 50): Float64Array | undefined {
  const d = vectors[0]?.length ?? 0;
  if (d === 0) return undefined;
  const moment = new Float64Array(d * d);
  for (const v of vectors) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) moment[i * d + j]! += v[i]! * v[j]!;
  let u = new Float64Array(d).fill(1 / Math.sqrt(d));
  for (let step = 0; step < iterations; step++) {
    const next = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += moment[i * d + j]! * u[j]!;
      next[i] = sum;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) return undefined;
    for (let i = 0; i < d; i++) next[i]! /= norm;
    u = next;
  }
  return u;
}

/** `v` minus its projection on the unit vector `u` (a copy). */
export function removeComponent(v: Float32Array, u: Float64Array | undefined): Float32Array {
  if (u === undefined) return v;
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += v[i]! * u[i]!;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! - dot * u[i]!;
  return out;
}
