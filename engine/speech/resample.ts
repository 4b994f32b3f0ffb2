import type { PcmAudio } from './pcm-audio.ts';

/**
 * Converts mono PCM to another sample rate. Going down, each output sample is the mean of the input samples it
 * covers (a box filter, enough against aliasing for speech recognition); going up, samples are interpolated
 * linearly. Returns `audio` itself when the rates match.
 */
export function resample(audio: PcmAudio, sampleRate: number): PcmAudio {
  if (audio.sampleRate === sampleRate) return audio;
  const input = audio.samples;
  const ratio = audio.sampleRate / sampleRate;
  const length = Math.floor(input.length / ratio);
  const output = new Int16Array(length);
  if (ratio > 1) {
    for (let i = 0; i < length; i++) {
      const start = Math.floor(i * ratio);
      const end = Math.min(input.length, Math.max(start + 1, Math.floor((i + 1) * ratio)));
      let sum = 0;
      for (let j = start; j < end; j++) sum += input[j]!;
      output[i] = Math.round(sum / (end - start));
    }
  } else {
    for (let i = 0; i < length; i++) {
      const at = i * ratio;
      const left = Math.floor(at);
      const right = Math.min(input.length - 1, left + 1);
      const t = at - left;
      output[i] = Math.round(input[left]! * (1 - t) + input[right]! * t);
    }
  }
  return { sampleRate, samples: output };
}
