/** Options of {@link createNoiseFloor}. */
export interface NoiseFloorOptions {
  /** Level of the floor, in dBFS (RMS against full scale). Default -50: about 30 dB under speech at the level normalizer's level. */
  levelDbfs: number;
  /** Seed of the noise, so the same audio is always heard the same way. Default 1. */
  seed: number;
}

/** The defaults of {@link NoiseFloorOptions}. */
export const defaultNoiseFloorOptions: NoiseFloorOptions = { levelDbfs: -50, seed: 1 };

/** Adds the floor to one utterance's chunks of 16-bit PCM; call it on every chunk, in order. */
export type NoiseFloor = (chunk: Int16Array) => Int16Array;

/**
 * Tops the audio's noise floor up to a faint pink noise, like the room tone of any real recording. pocketsphinx's
 * acoustic model was trained on recordings, never on digital silence: synthetic speech, gated audio and the output
 * of noise suppressors have exact zeros or near-zeros between words, which skew its cepstral mean and its silence
 * model (docs/voice.md, "Checked with real-world audio": espeak-ng's voices are heard far better with noise about
 * 30 dB under them than clean). The audio's own floor is the quietest 20 ms frame heard so far; only the power
 * missing up to the level is added, so a recording that has its own room tone or noise is left nearly as it is.
 */
export function createNoiseFloor(options: Partial<NoiseFloorOptions> = {}): NoiseFloor {
  const settings = { ...defaultNoiseFloorOptions, ...options };
  let state = settings.seed >>> 0;
  const white = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  // Paul Kellet's filter: white noise (uniform in ±0.5) to 1/f noise of RMS 0.87.
  const b = [0, 0, 0, 0, 0, 0, 0];
  const scale = (32768 * 10 ** (settings.levelDbfs / 20)) / 0.87;
  const frame = 320;
  let quietest = Number.POSITIVE_INFINITY;
  return (chunk) => {
    for (let at = 0; at + frame <= chunk.length; at += frame) {
      let energy = 0;
      for (let i = at; i < at + frame; i++) energy += chunk[i]! * chunk[i]!;
      quietest = Math.min(quietest, energy / frame);
    }
    const target = (32768 * 10 ** (settings.levelDbfs / 20)) ** 2;
    const own = Number.isFinite(quietest) ? quietest : 0;
    const share = Math.sqrt(Math.max(0, target - own) / target);
    const out = new Int16Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      const w = white();
      b[0] = 0.99886 * b[0]! + w * 0.0555179;
      b[1] = 0.99332 * b[1]! + w * 0.0750759;
      b[2] = 0.969 * b[2]! + w * 0.153852;
      b[3] = 0.8665 * b[3]! + w * 0.3104856;
      b[4] = 0.55 * b[4]! + w * 0.5329522;
      b[5] = -0.7616 * b[5]! - w * 0.016898;
      const pink = b[0]! + b[1]! + b[2]! + b[3]! + b[4]! + b[5]! + b[6]! + w * 0.5362;
      b[6] = w * 0.115926;
      out[i] = Math.max(-32768, Math.min(32767, Math.round(chunk[i]! + pink * scale * share)));
    }
    return out;
  };
}
