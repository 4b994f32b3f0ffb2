import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `wav` converted by sox, as recordings from outside come: `output` are sox's output options (`-e floating-point
 * -b 32`, `-r 8000 -e u-law`, `-c 2`), `effects` its effects (`gain -30`, `pad 3 3`, `sinc 300-3400`).
 */
export function soxVariant(wav: Uint8Array, output: readonly string[], effects: readonly string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sox-'));
  try {
    writeFileSync(join(dir, 'in.wav'), wav);
    execFileSync('sox', ['-V1', join(dir, 'in.wav'), ...output, join(dir, 'out.wav'), ...effects]);
    return new Uint8Array(readFileSync(join(dir, 'out.wav')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `wav` with a chunk inserted before its `fmt ` chunk (a LIST/INFO block, as many recorders write). */
export function withChunkBeforeFormat(wav: Uint8Array, id: string, body: Uint8Array): Uint8Array {
  const padded = body.length + (body.length % 2);
  const out = new Uint8Array(wav.length + 8 + padded);
  out.set(wav.subarray(0, 12));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[12 + i] = id.charCodeAt(i);
  view.setUint32(16, body.length, true);
  out.set(body, 20);
  out.set(wav.subarray(12), 20 + padded);
  view.setUint32(4, out.length - 8, true);
  return out;
}
