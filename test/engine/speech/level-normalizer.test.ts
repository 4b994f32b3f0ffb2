import { describe, expect, it } from 'vitest';
import { createLevelNormalizer } from '../../../engine/speech/level-normalizer.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';

/** RMS of the loudest 20 ms frame, in dBFS. */
function loudestDbfs(samples: Int16Array): number {
  let loudest = 0;
  for (let at = 0; at + 320 <= samples.length; at += 320) {
    let energy = 0;
    for (let i = at; i < at + 320; i++) energy += samples[i]! * samples[i]!;
    loudest = Math.max(loudest, Math.sqrt(energy / 320));
  }
  return 20 * Math.log10(loudest / 32768);
}

const scaled = (samples: Int16Array, db: number) => Int16Array.from(samples, (s) => Math.max(-32768, Math.min(32767, Math.round(s * 10 ** (db / 20)))));

describe('createLevelNormalizer', () => {
  const speech = spokenAudio('what are your opening hours').samples;

  it('leaves speech at an ordinary level as it is', () => {
    expect(createLevelNormalizer(16_000)(speech)).toBe(speech);
  });

  it('brings quiet and loud (clipped) utterances to the target level, within its tolerance', () => {
    for (const db of [-35, -20, 0, 12]) {
      const level = loudestDbfs(createLevelNormalizer(16_000)(scaled(speech, db)));
      expect(Math.abs(level - -12), `${db} dB`).toBeLessThanOrEqual(6.1);
    }
    // Far from the target, the loudest frame lands on it.
    expect(Math.abs(loudestDbfs(createLevelNormalizer(16_000)(scaled(speech, -35))) - -12)).toBeLessThan(0.5);
  });

  it('does not raise silence or faint noise before speech, and never raises the gain again within an utterance', () => {
    const level = createLevelNormalizer(16_000);
    const hiss = Int16Array.from({ length: 4000 }, (_, i) => (i % 2 === 0 ? 3 : -3));
    expect(level(hiss)).toBe(hiss);
    const quiet = scaled(speech, -30);
    const raised = level(quiet);
    const gain = Math.max(...raised.map(Math.abs)) / Math.max(...quiet.map(Math.abs));
    expect(gain).toBeGreaterThan(10);
    // A faint chunk after the speech keeps the speech's gain, not a higher one.
    const faint = scaled(quiet.subarray(8000, 9600), -20);
    const after = level(faint);
    expect(Math.max(...after.map(Math.abs))).toBeLessThanOrEqual(Math.ceil(Math.max(...faint.map(Math.abs)) * gain) + 1);
  });
});
