import type { EndOfTurnSettings } from '../../web-client/voice/end-of-turn.ts';

/** One detector run of {@link runVadInPage}: which WAV of the page it hears, with which settings. */
export interface VadRunInput {
  /** Names this run in the output (one WAV may be heard by several runs with different settings). */
  id: string;
  /** The WAV's name on the page (`wav/<wav>.wav`). */
  wav: string;
  settings: EndOfTurnSettings;
}

/** What vad-web's `MicVAD` did over one recording, in milliseconds of the recording's own audio. */
export interface VadRunOutput {
  id: string;
  /** Where each `onSpeechStart`, `onSpeechEnd` and `onVADMisfire` fired: the end of the frame that caused it. */
  speechStarts: number[];
  speechEnds: number[];
  misfires: number[];
  /** `performance.now()` in the page at each `onSpeechEnd`. */
  speechEndWallMs: number[];
  /** The model's speech probability for each frame from the first frame holding the recording's audio. */
  probabilities: number[];
  /** Samples per frame at 16 kHz (512 for Silero v5, 1536 for the legacy model). */
  frameSamples: number;
}

/** The slice of vad-web's UMD global the page uses. */
interface VadGlobal {
  MicVAD: {
    new: (options: Record<string, unknown>) => Promise<{ destroy(): Promise<void> }>;
  };
}

/**
 * Runs in the page of `serveVadPage` (pass it to `page.evaluate`): plays every recording at once, each through its
 * own `MicVAD` fed by a `MediaStreamAudioDestinationNode`, in one 16 kHz `AudioContext`, in real time. Event times are
 * placed on the recording's own time line by counting frames from the first frame that holds its audio: the stream
 * is digital silence until the recording starts, and the recordings are never exactly zero (they carry noise).
 */
export async function runVadInPage(args: { inputs: VadRunInput[]; afterMs: number; assetBase: string }): Promise<VadRunOutput[]> {
  const vad = (globalThis as unknown as { vad: VadGlobal }).vad;
  // The browser's own rate, as in the widget: the worklet resamples to 16 kHz as it does on a microphone.
  const context = new AudioContext();
  await context.resume();
  const runs = args.inputs.map(async (input): Promise<VadRunOutput> => {
    const buffer = await context.decodeAudioData(await (await fetch(`wav/${input.wav}.wav`)).arrayBuffer());
    const destination = context.createMediaStreamDestination();
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(destination);
    const out: VadRunOutput = { id: input.id, speechStarts: [], speechEnds: [], misfires: [], speechEndWallMs: [], probabilities: [], frameSamples: 0 };
    let frames = 0;
    let firstSample: number | undefined;
    const now = () => (firstSample === undefined ? Number.NaN : ((frames * out.frameSamples - firstSample) / 16_000) * 1000);
    const detector = await vad.MicVAD.new({
      ...input.settings,
      // Silero v5, the model the widget loads (channels/web/voice-assets.ts serves silero_vad_v5.onnx).
      model: 'v5',
      baseAssetPath: args.assetBase,
      onnxWASMBasePath: args.assetBase,
      audioContext: context,
      getStream: async () => destination.stream,
      pauseStream: async () => {},
      resumeStream: async (stream: MediaStream) => stream,
      startOnLoad: true,
      onFrameProcessed: (probabilities: { isSpeech: number }, frame: Float32Array) => {
        out.frameSamples = frame.length;
        if (firstSample === undefined) {
          const at = frame.findIndex((sample) => sample !== 0);
          if (at >= 0) firstSample = frames * frame.length + at;
        }
        frames++;
        if (firstSample !== undefined) out.probabilities.push(probabilities.isSpeech);
      },
      onSpeechStart: () => out.speechStarts.push(now()),
      onSpeechEnd: () => {
        out.speechEnds.push(now());
        out.speechEndWallMs.push(performance.now());
      },
      onVADMisfire: () => out.misfires.push(now()),
    });
    const ended = new Promise<void>((done) => {
      source.onended = () => done();
    });
    source.start();
    await ended;
    await new Promise((done) => setTimeout(done, args.afterMs));
    await detector.destroy();
    return out;
  });
  try {
    return await Promise.all(runs);
  } finally {
    await context.close();
  }
}
