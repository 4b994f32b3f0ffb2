/** Options of {@link createLevelNormalizer}. */
export interface LevelNormalizerOptions {
  /** Level the loudest frame of speech is brought to, in dBFS (RMS of a frame against full scale). Default -12. */
  targetDbfs: number;
  /** Audio whose loudest frame is within this many dB of the target is left as it is. Default 6. */
  toleranceDb: number;
  /** Most the audio is raised, in dB. Default 40. */
  maxGainDb: number;
  /** Loudest frames under this level are taken for silence and not raised, in dBFS. Default -70. */
  silenceDbfs: number;
  /** Length of a frame, in milliseconds. Default 20. */
  frameMs: number;
}

/** The defaults of {@link LevelNormalizerOptions}: espeak-ng's voices peak at -13 to -10 dBFS, so they pass as they are. */
export const defaultLevelNormalizerOptions: LevelNormalizerOptions = { targetDbfs: -12, toleranceDb: 6, maxGainDb: 40, silenceDbfs: -70, frameMs: 20 };

/** Scales one utterance's chunks of 16-bit PCM; call it on every chunk, in order. */
export type LevelNormalizer = (chunk: Int16Array) => Int16Array;

const dbfs = (rms: number) => 20 * Math.log10(Math.max(rms, 1e-9) / 32768);

/**
 * Brings one utterance to a common level, as it streams: the gain follows the loudest frame heard so far, so it
 * only ever falls within an utterance, and a quiet or silent start is not raised before speech is heard.
 *
 * Why: pocketsphinx carries its cepstral mean from one utterance to the next, so an utterance 20–30 dB quieter or
 * louder than the one before (another microphone, a clipped recording) is taken for silence and heard as nothing.
 *
 * @example
 * const level = createLevelNormalizer(16_000);
 * for (const chunk of chunks) decode(level(chunk));
 */
export function createLevelNormalizer(sampleRate: number, options: Partial<LevelNormalizerOptions> = {}): LevelNormalizer {
  const settings = { ...defaultLevelNormalizerOptions, ...options };
  const frame = Math.max(1, Math.round((sampleRate * settings.frameMs) / 1000));
  let loudest = 0;
  let gain = 1;
  return (chunk) => {
    for (let start = 0; start < chunk.length; start += frame) {
      const end = Math.min(chunk.length, start + frame);
      let energy = 0;
      for (let i = start; i < end; i++) energy += chunk[i]! * chunk[i]!;
      loudest = Math.max(loudest, Math.sqrt(energy / (end - start)));
    }
    const level = dbfs(loudest);
    if (level >= settings.silenceDbfs && Math.abs(level - settings.targetDbfs) > settings.toleranceDb)
      gain = 10 ** (Math.min(settings.maxGainDb, settings.targetDbfs - level) / 20);
    else if (level >= settings.silenceDbfs) gain = Math.min(gain, 1);
    if (gain === 1) return chunk;
    const out = new Int16Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(chunk[i]! * gain)));
    return out;
  };
}
