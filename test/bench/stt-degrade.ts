import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PcmAudio } from '../../engine/speech/pcm-audio.ts';
import { encodeWav, parseWav } from '../../engine/speech/wav.ts';

/** How the benchmark spoils clean synthetic speech to resemble recordings (`npm run bench:stt -- --noise pink --snr 10`). */
export interface Degradation {
  /** Noise mixed in: white, pink (1/f, like a room or fan) or brown (1/f², like traffic or rumble). Default none. */
  noise?: 'white' | 'pink' | 'brown';
  /** Speech-to-noise ratio, in dB: the speech's mean power (frames within 30 dB of its loudest) over the noise's. Default 20. */
  snrDb?: number;
  /** Telephone band: the audio goes out at 8 kHz, 300–3400 Hz (sox `rate 8000 sinc 300-3400`), as a phone call's. */
  telephone?: boolean;
  /** Gain, in dB (-30: a quiet microphone); samples beyond full scale clip. Default 0. */
  gainDb?: number;
  /** Seed of the noise, so runs compare. Default 1. */
  seed?: number;
}

/** Whether `degradation` changes anything. */
export function degrades(degradation: Degradation): boolean {
  return degradation.noise !== undefined || degradation.telephone === true || (degradation.gainDb ?? 0) !== 0;
}

/** `audio` spoiled as `degradation` says: noise first, then the gain, then the telephone band. */
export function degrade(audio: PcmAudio, degradation: Degradation): PcmAudio {
  const { noise, snrDb = 20, telephone = false, gainDb = 0, seed = 1 } = degradation;
  const samples = Float64Array.from(audio.samples);
  if (noise) {
    const added = noiseOf(noise, samples.length, seed);
    const scale = Math.sqrt(speechPower(samples, audio.sampleRate) / (meanPower(added) * 10 ** (snrDb / 10)));
    for (let i = 0; i < samples.length; i++) samples[i]! += added[i]! * scale;
  }
  const gain = 10 ** (gainDb / 20);
  const out: PcmAudio = { sampleRate: audio.sampleRate, samples: Int16Array.from(samples, (s) => Math.max(-32768, Math.min(32767, Math.round(s * gain)))) };
  return telephone ? sox(out, ['rate', '8000', 'sinc', '300-3400']) : out;
}

function sox(audio: PcmAudio, effects: string[]): PcmAudio {
  const dir = mkdtempSync(join(tmpdir(), 'parley-degrade-'));
  try {
    writeFileSync(join(dir, 'in.wav'), encodeWav(audio));
    execFileSync('sox', [join(dir, 'in.wav'), '-b', '16', join(dir, 'out.wav'), ...effects]);
    return parseWav(new Uint8Array(readFileSync(join(dir, 'out.wav'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function meanPower(xs: Float64Array): number {
  let sum = 0;
  for (const x of xs) sum += x * x;
  return sum / Math.max(1, xs.length);
}

/** Mean power of the 20 ms frames within 30 dB of the loudest: the speech, not the silence around it. */
function speechPower(samples: Float64Array, sampleRate: number): number {
  const frame = Math.round(sampleRate / 50);
  const powers: number[] = [];
  for (let at = 0; at + frame <= samples.length; at += frame) powers.push(meanPower(samples.subarray(at, at + frame)));
  const loudest = Math.max(...powers, 1e-9);
  const speech = powers.filter((p) => p >= loudest / 1000);
  return speech.reduce((a, b) => a + b, 0) / Math.max(1, speech.length);
}

/** Unit-variance-ish noise of a colour, from a seeded generator (mulberry32). */
function noiseOf(colour: 'white' | 'pink' | 'brown', length: number, seed: number): Float64Array {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const out = new Float64Array(length);
  // Pink: Paul Kellet's filter of white noise; brown: leaky integration of white noise.
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, brown = 0;
  for (let i = 0; i < length; i++) {
    const white = random();
    if (colour === 'white') out[i] = white;
    else if (colour === 'brown') out[i] = brown = 0.998 * brown + white * 0.1;
    else {
      b0 = 0.99886 * b0 + white * 0.0555179;
      b1 = 0.99332 * b1 + white * 0.0750759;
      b2 = 0.969 * b2 + white * 0.153852;
      b3 = 0.8665 * b3 + white * 0.3104856;
      b4 = 0.55 * b4 + white * 0.5329522;
      b5 = -0.7616 * b5 - white * 0.016898;
      out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
      b6 = white * 0.115926;
    }
  }
  return out;
}
