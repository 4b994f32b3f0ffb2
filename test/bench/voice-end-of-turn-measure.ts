import type { Page } from 'playwright-core';
import type { EndOfTurnSettings } from '../../web-client/voice/end-of-turn.ts';
import type { PausedRecording } from '../fixtures/voice-recordings/paused-recordings.ts';
import { median, percentile } from './turn-bench/stats.ts';
import { runVadInPage, type VadRunOutput } from './voice-vad-run.ts';

/** How the detector ended one recording. */
export interface EndOfTurnOutcome {
  id: string;
  recording: PausedRecording;
  settings: EndOfTurnSettings;
  /** The detector heard speech at all (a silent fake microphone would otherwise pass as "no cut-off"). */
  heard: boolean;
  /** It ended the utterance (or dropped a piece of it as a misfire) before the true end of speech: inside the pause. */
  premature: boolean;
  /** From the true end of speech to the detector's first speech end after it, in milliseconds of audio; absent if none. */
  hangoverMs?: number;
  /** Everything the detector reported. */
  run: VadRunOutput;
}

/** The share of premature cut-offs and the hangover over a set of outcomes. */
export interface EndOfTurnSummary {
  n: number;
  premature: number;
  /** Fraction of recordings cut before their true end, in [0, 1]. */
  prematureCutoffRate: number;
  /** Recordings where the detector heard no speech at all. */
  unheard: number;
  hangoverP50Ms: number;
  hangoverP95Ms: number;
}

/**
 * Plays each recording to vad-web's `MicVAD` with the given settings in the page of `serveVadPage` (its files under
 * `assetBase`; all at once, in
 * real time: a few seconds longer than the longest recording) and judges where the detector ended each utterance.
 */
export async function measureEndOfTurn(
  page: Page,
  assetBase: string,
  runs: ReadonlyArray<{ id: string; recording: PausedRecording; settings: EndOfTurnSettings }>,
): Promise<EndOfTurnOutcome[]> {
  // The recordings end 2.5 s after their speech, longer than any wait; a little more catches a late event.
  const afterMs = 400;
  const outputs = await page.evaluate(runVadInPage, {
    inputs: runs.map(({ id, recording, settings }) => ({ id, wav: recording.name, settings })),
    afterMs,
    assetBase,
  });
  return runs.map(({ id, recording, settings }) => {
    const run = outputs.find((output) => output.id === id);
    if (!run) throw new Error(`the page returned no run ${id}`);
    return judgeEndOfTurn(id, recording, settings, run);
  });
}

/** Judges one detector run against the recording's true speech offsets. */
export function judgeEndOfTurn(id: string, recording: PausedRecording, settings: EndOfTurnSettings, run: VadRunOutput): EndOfTurnOutcome {
  const cuts = [...run.speechEnds, ...run.misfires];
  const after = run.speechEnds.filter((at) => at >= recording.speechEndMs).sort((a, b) => a - b)[0];
  return {
    id,
    recording,
    settings,
    heard: run.speechStarts.length > 0,
    premature: cuts.some((at) => at < recording.speechEndMs),
    ...(after === undefined ? {} : { hangoverMs: after - recording.speechEndMs }),
    run,
  };
}

/** Counts premature cut-offs and summarizes the hangover (over the recordings that ended after their speech). */
export function summarizeEndOfTurn(outcomes: readonly EndOfTurnOutcome[]): EndOfTurnSummary {
  const premature = outcomes.filter((outcome) => outcome.premature).length;
  const hangovers = outcomes.flatMap((outcome) => (outcome.hangoverMs === undefined ? [] : [outcome.hangoverMs]));
  return {
    n: outcomes.length,
    premature,
    prematureCutoffRate: outcomes.length === 0 ? 0 : premature / outcomes.length,
    unheard: outcomes.filter((outcome) => !outcome.heard).length,
    hangoverP50Ms: median(hangovers),
    hangoverP95Ms: percentile(hangovers, 95),
  };
}
