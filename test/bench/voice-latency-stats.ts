import { median, percentile } from './turn-bench/stats.ts';
import type { LatencyTurn } from './voice-latency-run.ts';

/** The stages of voice-to-voice latency, in order; they add up to it. */
export const voiceStages = ['vad_hangover', 'transfer', 'stt', 'dialogue', 'first_tts_chunk', 'playback_start'] as const;
export type VoiceStage = (typeof voiceStages)[number];

/** p50 and p95 of one measure, in milliseconds. */
export interface Spread {
  p50_ms: number;
  p95_ms: number;
}

/** Latency over the answered recordings. */
export interface VoiceLatencySummary {
  /** Recordings whose reply started playing with every stage stamped. */
  n: number;
  /** From the true end of speech in the recording to the first reply audio playing in the page. */
  voiceToVoice: Spread;
  /** From the widget's end-of-utterance event to the first reply audio playing. */
  speechEndToAudio: Spread;
  /** Each stage's p50/p95 and its share of the summed voice-to-voice time (a fraction). */
  stages: Record<VoiceStage, Spread & { share: number }>;
  /** Recordings the widget cut in two while they played. */
  prematureCutoffs: number;
}

const spread = (values: readonly number[]): Spread => ({ p50_ms: Math.round(median(values)), p95_ms: Math.round(percentile(values, 95)) });

/** The stage times of one answered turn, or undefined when a stamp is missing. */
export function stageTimes(turn: LatencyTurn): Record<VoiceStage, number> | undefined {
  const { speechEnd, playbackStart, marks } = turn;
  if (speechEnd === undefined || playbackStart === undefined || !marks) return undefined;
  const { received, transcript, synthesisStart, firstAudio } = marks;
  if (received === undefined || transcript === undefined || synthesisStart === undefined || firstAudio === undefined) return undefined;
  return {
    vad_hangover: speechEnd - turn.trueEnd,
    transfer: received - speechEnd,
    stt: transcript - received,
    dialogue: synthesisStart - transcript,
    first_tts_chunk: firstAudio - synthesisStart,
    playback_start: playbackStart - firstAudio,
  };
}

/** Summarizes the turns of `measureVoiceLatency`. */
export function summarizeVoiceLatency(turns: readonly LatencyTurn[]): VoiceLatencySummary {
  const timed = turns.flatMap((turn) => {
    const stages = stageTimes(turn);
    return stages && turn.speechEnd !== undefined && turn.playbackStart !== undefined
      ? [{ stages, voiceToVoice: turn.playbackStart - turn.trueEnd, speechEndToAudio: turn.playbackStart - turn.speechEnd }]
      : [];
  });
  const total = timed.reduce((sum, turn) => sum + turn.voiceToVoice, 0);
  const stages = Object.fromEntries(
    voiceStages.map((stage) => {
      const values = timed.map((turn) => turn.stages[stage]);
      const share = total > 0 ? values.reduce((sum, value) => sum + value, 0) / total : 0;
      return [stage, { ...spread(values), share: Math.round(share * 1000) / 1000 }];
    }),
  ) as VoiceLatencySummary['stages'];
  return {
    n: timed.length,
    voiceToVoice: spread(timed.map((turn) => turn.voiceToVoice)),
    speechEndToAudio: spread(timed.map((turn) => turn.speechEndToAudio)),
    stages,
    prematureCutoffs: turns.filter((turn) => turn.premature).length,
  };
}
