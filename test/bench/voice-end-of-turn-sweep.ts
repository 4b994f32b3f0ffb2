import { FrameProcessor } from '@ricky0123/vad-web/dist/frame-processor.js';
import type { EndOfTurnSettings } from '../../web-client/voice/end-of-turn.ts';
import type { PausedRecording } from '../fixtures/voice-recordings/paused-recordings.ts';
import { median, percentile } from './turn-bench/stats.ts';
import type { VadRunOutput } from './voice-vad-run.ts';

/** The premature cut-offs and hangover one end-of-turn wait would give. */
export interface SweepPoint {
  redemptionMs: number;
  n: number;
  prematureCutoffRate: number;
  hangoverP50Ms: number;
  hangoverP95Ms: number;
}

/**
 * What other end-of-turn waits would have done on the same audio: vad-web's own `FrameProcessor` replayed over the
 * speech probabilities Silero gave each frame in a real `MicVAD` run, once per wait. (The replay keeps the model's
 * state across a speech end, which a live detector resets; Silero's output a frame or two later differs a little.)
 */
export async function sweepEndOfTurn(
  runs: ReadonlyArray<{ recording: PausedRecording; settings: EndOfTurnSettings; run: VadRunOutput }>,
  redemptionsMs: readonly number[],
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const redemptionMs of redemptionsMs) {
    let premature = 0;
    const hangovers: number[] = [];
    for (const { recording, settings, run } of runs) {
      const frameMs = (run.frameSamples / 16_000) * 1000;
      const cuts: number[] = [];
      const ends: number[] = [];
      let frame = 0;
      const processor = new FrameProcessor(
        async () => ({ isSpeech: run.probabilities[frame]!, notSpeech: 1 - run.probabilities[frame]! }),
        () => {},
        { ...settings, redemptionMs, submitUserSpeechOnPause: false },
        frameMs,
      );
      processor.resume();
      const silence = new Float32Array(run.frameSamples);
      for (frame = 0; frame < run.probabilities.length; frame++) {
        await processor.process(silence, (event) => {
          const at = (frame + 1) * frameMs;
          if (event.msg === 'SPEECH_END') ends.push(at);
          if (event.msg === 'SPEECH_END' || event.msg === 'VAD_MISFIRE') cuts.push(at);
        });
      }
      if (cuts.some((at) => at < recording.speechEndMs)) premature++;
      const after = ends.find((at) => at >= recording.speechEndMs);
      if (after !== undefined) hangovers.push(after - recording.speechEndMs);
    }
    points.push({
      redemptionMs,
      n: runs.length,
      prematureCutoffRate: runs.length === 0 ? 0 : premature / runs.length,
      hangoverP50Ms: median(hangovers),
      hangoverP95Ms: percentile(hangovers, 95),
    });
  }
  return points;
}
