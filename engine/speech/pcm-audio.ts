/** Mono 16-bit PCM audio: what every speech backend reads and writes. */
export interface PcmAudio {
  /** Samples per second, e.g. 16000. */
  sampleRate: number;
  /** Signed 16-bit samples, one channel. */
  samples: Int16Array;
}

/** Length of `audio` in milliseconds. */
export function durationMs(audio: PcmAudio): number {
  return (audio.samples.length / audio.sampleRate) * 1000;
}
