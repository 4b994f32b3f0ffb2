/** Settings of {@link createEchoGuard}; defaults in {@link defaultEchoGuardOptions}. */
export interface EchoGuardOptions {
  /** Length of one envelope step, in milliseconds (the voice activity detector's frame). Default 32. */
  frameMs: number;
  /** How much microphone audio a judgement looks at, in milliseconds (the most recent). Default 800. */
  windowMs: number;
  /** Longest delay from playback to the microphone hearing it, in milliseconds. Default 800. */
  maxLagMs: number;
  /** Correlation (Pearson, 0 to 1) of the two energy envelopes from which speech counts as the bot's echo. Default 0.7. */
  threshold: number;
  /** Fewest microphone frames a judgement needs; with fewer, speech counts as echo while the bot plays. Default 6. */
  minFrames: number;
  /** RMS under which playback counts as silent (no echo to expect). Default 0.002. */
  silentRms: number;
}

/** The defaults of {@link EchoGuardOptions}. */
export const defaultEchoGuardOptions: EchoGuardOptions = {
  frameMs: 32,
  windowMs: 800,
  maxLagMs: 800,
  threshold: 0.7,
  minFrames: 6,
  silentRms: 0.002,
};

/** A judgement of {@link EchoGuard.judge}. */
export interface EchoJudgement {
  /** The microphone's recent audio follows the bot's playback: do not barge in. */
  echo: boolean;
  /** The best correlation over the delays tried (0 when there was no playback to compare). */
  correlation: number;
}

/** Tells the bot's own voice heard back through the microphone from a user speaking over it. */
export interface EchoGuard {
  /** Audio the widget plays, starting at `startS` seconds on the audio clock. */
  played(startS: number, samples: Float32Array, sampleRate: number): void;
  /** Playback scheduled after `atS` seconds was stopped. */
  stoppedAt(atS: number): void;
  /** One microphone frame, handed over at `nowS` seconds on the audio clock (frames are contiguous). */
  heard(nowS: number, frame: Float32Array, sampleRate: number): void;
  /** Whether the recent microphone audio is the bot's echo. */
  judge(): EchoJudgement;
}

const rms = (samples: Float32Array, from: number, to: number) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  return to > from ? Math.sqrt(sum / (to - from)) : 0;
};

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i]! - ma) * (b[i]! - mb);
    va += (a[i]! - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/**
 * An echo guard by energy envelopes: the RMS of what the widget plays and of what the microphone hears, per
 * frame, on the audio clock; speech whose envelope correlates with the playback's at some delay up to
 * `maxLagMs` is the bot hearing itself. Browser echo cancellation removes most of the echo; this catches what
 * it leaves (loud speakers, playback paths it does not cover) without blocking a user who talks over the bot.
 * Microphone frames are timed by their count (they are contiguous), so late frame callbacks do not blur the
 * envelope.
 */
export function createEchoGuard(options: Partial<EchoGuardOptions> = {}): EchoGuard {
  const o = { ...defaultEchoGuardOptions, ...options };
  const frameS = o.frameMs / 1000;
  /** Playback RMS by frame index (`floor(t / frameS)`). */
  const playback = new Map<number, number>();
  const mic: Array<{ endS: number; rms: number }> = [];
  let micStartS = Number.POSITIVE_INFINITY;
  let micSamples = 0;

  const playbackAt = (t: number) => playback.get(Math.floor(t / frameS)) ?? 0;

  return {
    played(startS, samples, sampleRate) {
      const step = Math.max(1, Math.round(sampleRate * frameS));
      const first = Math.floor(startS / frameS);
      // Bins are aligned to the clock; a chunk starting mid-bin shares that bin with the previous chunk.
      const offset = Math.round((startS - first * frameS) * sampleRate);
      for (let bin = first, from = -offset; from < samples.length; bin++, from += step) {
        const value = rms(samples, Math.max(0, from), Math.min(samples.length, from + step));
        playback.set(bin, Math.max(playback.get(bin) ?? 0, value));
      }
      const oldest = first - Math.ceil(10 / frameS);
      for (const bin of playback.keys()) if (bin < oldest) playback.delete(bin);
    },
    stoppedAt(atS) {
      const last = Math.floor(atS / frameS);
      for (const bin of playback.keys()) if (bin > last) playback.delete(bin);
    },
    heard(nowS, frame, sampleRate) {
      micSamples += frame.length;
      const elapsedS = micSamples / sampleRate;
      micStartS = Math.min(micStartS, nowS - elapsedS);
      mic.push({ endS: micStartS + elapsedS, rms: rms(frame, 0, frame.length) });
      const keep = Math.ceil(o.windowMs / o.frameMs) + 1;
      if (mic.length > keep) mic.splice(0, mic.length - keep);
    },
    judge() {
      const frames = mic.slice(-Math.ceil(o.windowMs / o.frameMs));
      const heardRms = frames.map((f) => f.rms);
      let best = 0;
      let anyPlayback = false;
      for (let lagMs = 0; lagMs <= o.maxLagMs; lagMs += o.frameMs / 2) {
        const played = frames.map((f) => playbackAt(f.endS - frameS / 2 - lagMs / 1000));
        if (!played.some((p) => p > o.silentRms)) continue;
        anyPlayback = true;
        best = Math.max(best, pearson(heardRms, played));
      }
      if (!anyPlayback) return { echo: false, correlation: 0 };
      // A flat microphone envelope correlates with nothing; with the bot playing it is no sign of a user speaking.
      const mean = heardRms.reduce((sum, r) => sum + r, 0) / Math.max(1, heardRms.length);
      if (heardRms.every((r) => Math.abs(r - mean) < o.silentRms)) return { echo: true, correlation: best };
      if (frames.length < o.minFrames) return { echo: true, correlation: best };
      return { echo: best >= o.threshold, correlation: best };
    },
  };
}
