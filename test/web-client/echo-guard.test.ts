import { describe, expect, it } from 'vitest';
import { createEchoGuard } from '../../web-client/voice/echo-guard.ts';
import { spokenAudio } from '../fixtures/voice/spoken-wav.ts';

const rate = 16_000;
const frame = 512;

/** A phrase spoken by espeak-ng, as float samples at 16 kHz. */
const speech = (text: string, wordsPerMinute = 160) =>
  Float32Array.from(spokenAudio(text, { wordsPerMinute, padS: 0 }).samples, (s) => s / 0x8000);

/** `length` samples: each source added at its offset (seconds) and gain. */
function mix(length: number, ...parts: Array<{ samples: Float32Array; atS: number; gain: number }>): Float32Array {
  const out = new Float32Array(length);
  for (const { samples, atS, gain } of parts) {
    const offset = Math.round(atS * rate);
    for (let i = 0; i < samples.length && offset + i < length; i++) out[offset + i]! += samples[i]! * gain;
  }
  return out;
}

/**
 * Feeds the microphone signal to a guard frame by frame (handed over 0–40 ms late, as frame callbacks are) after
 * telling it that `played` sounds from `playedAtS`; returns the judgements made on the frames of speech after the
 * first 300 ms of it.
 */
function judgements(mic: Float32Array, played: Float32Array, playedAtS: number, speechFromS: number, speechToS: number) {
  const guard = createEchoGuard();
  guard.played(playedAtS, played, rate);
  const out: Array<{ echo: boolean; correlation: number }> = [];
  for (let k = 0; (k + 1) * frame <= mic.length; k++) {
    const endS = ((k + 1) * frame) / rate;
    guard.heard(endS + ((k * 7919) % 41) / 1000, mic.subarray(k * frame, (k + 1) * frame), rate);
    if (endS > speechFromS + 0.3 && endS < speechToS) out.push(guard.judge());
  }
  return out;
}

describe('echo guard', () => {
  const answer = speech('Let me see. I am looking through our records for your recent orders. This can take a little while.');
  const user = speech('No, stop, I want to cancel my order please', 175);
  const length = Math.round(1.5 * rate) + answer.length;

  it("takes the bot's own voice heard back, delayed and quieter, for echo all through the answer", () => {
    const mic = mix(length, { samples: answer, atS: 0.5 + 0.14, gain: 0.4 });
    const seen = judgements(mic, answer, 0.5, 0.64, 0.64 + answer.length / rate);
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.every((j) => j.echo)).toBe(true);
  });

  it('takes a user talking over the answer for a user: no echo', () => {
    const mic = mix(length, { samples: user, atS: 1.2, gain: 0.8 });
    const seen = judgements(mic, answer, 0.5, 1.2, 1.2 + user.length / rate);
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((j) => j.echo).length / seen.length).toBeLessThan(0.2);
  });

  it('takes a user louder than the echo for a user', () => {
    const mic = mix(length, { samples: answer, atS: 0.5 + 0.14, gain: 0.15 }, { samples: user, atS: 1.2, gain: 0.8 });
    const seen = judgements(mic, answer, 0.5, 1.2, 1.2 + user.length / rate);
    expect(seen.filter((j) => j.echo).length / seen.length).toBeLessThan(0.3);
  });

  it('finds no echo when nothing was played, or after playback stopped', () => {
    const mic = mix(length, { samples: user, atS: 0.2, gain: 0.8 });
    const guard = createEchoGuard();
    for (let k = 0; (k + 1) * frame <= rate * 2; k++) guard.heard(((k + 1) * frame) / rate, mic.subarray(k * frame, (k + 1) * frame), rate);
    expect(guard.judge()).toEqual({ echo: false, correlation: 0 });
    guard.played(0.1, answer, rate);
    guard.stoppedAt(0.1);
    expect(guard.judge().echo).toBe(false);
  });
});
