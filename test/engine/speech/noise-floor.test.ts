import { describe, expect, it } from 'vitest';
import { createNoiseFloor } from '../../../engine/speech/noise-floor.ts';

const dbfs = (samples: Int16Array) => 20 * Math.log10(Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length) / 32768);

describe('createNoiseFloor', () => {
  it('lays pink noise of the asked level under silence, the same for the same seed', () => {
    const silence = new Int16Array(64_000);
    const floor = createNoiseFloor();
    const first = floor(silence);
    expect(dbfs(first)).toBeGreaterThan(-51.5);
    expect(dbfs(first)).toBeLessThan(-48.5);
    expect(dbfs(createNoiseFloor({ levelDbfs: -60 })(silence))).toBeLessThan(-58);
    expect(createNoiseFloor()(silence)).toEqual(first);
  });

  it('is pink: most of its power is low in the spectrum', () => {
    const noise = createNoiseFloor({ levelDbfs: -20 })(new Int16Array(32_000));
    // Differencing keeps the high frequencies: for white noise it doubles the power, for pink it cuts it.
    const diff = noise.subarray(1).map((s, i) => s - noise[i]!);
    expect(dbfs(diff)).toBeLessThan(dbfs(noise) - 3);
  });

  it('adds nothing to audio with its own floor at the level, and only what is missing to a fainter one', () => {
    const hiss = createNoiseFloor({ levelDbfs: -40, seed: 7 })(new Int16Array(16_000));
    const added = createNoiseFloor()(hiss).map((s, i) => s - hiss[i]!);
    expect(added.every((s) => s === 0)).toBe(true);
    const faint = createNoiseFloor({ levelDbfs: -56, seed: 7 })(new Int16Array(16_000));
    const topped = createNoiseFloor()(faint).map((s, i) => s - faint[i]!);
    // -50 dBFS less -56 dBFS of power: about -51.3 dBFS.
    expect(dbfs(topped)).toBeGreaterThan(-53);
    expect(dbfs(topped)).toBeLessThan(-50.3);
  });

  it('adds to the audio without changing it otherwise, and continues across chunks', () => {
    // Silence, then a tone: the silence sets the floor, which stays under the tone too.
    const audio = Int16Array.from({ length: 16_000 }, (_, i) => (i < 8000 ? 0 : Math.round(8000 * Math.sin(i / 5))));
    const floor = createNoiseFloor();
    const joined = new Int16Array(16_000);
    joined.set(floor(audio.subarray(0, 8000)));
    joined.set(floor(audio.subarray(8000)), 8000);
    const added = joined.map((s, i) => s - audio[i]!);
    expect(Math.abs(dbfs(added) - -50)).toBeLessThan(1.5);
    expect(added).toEqual(createNoiseFloor()(new Int16Array(16_000)));
  });
});
