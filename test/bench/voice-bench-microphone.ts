/** What the benchmark's page keeps: its microphone and the widget's voice events. */
interface BenchMicrophone {
  context?: AudioContext;
  destination?: MediaStreamAudioDestinationNode;
  events: Array<{ name: string; at: number; detail: Record<string, unknown> }>;
}

/** The widget's voice events (`web-client/voice/voice-events.ts`), for {@link installBenchMicrophone}. */
export const voiceEventNames = [
  'parley-voice-state',
  'parley-voice-speech-start',
  'parley-voice-speech-end',
  'parley-voice-transcript',
  'parley-voice-playback-start',
  'parley-voice-playback-end',
  'parley-voice-barge-in',
  'parley-voice-error',
];

/**
 * An init script (`context.addInitScript`): `getUserMedia` answers with a stream the benchmark fills with recordings
 * ({@link playToBenchMicrophone}), and every event of `names` ({@link voiceEventNames}) the widget dispatches is
 * kept with its detail. Serialized into the page: it may use nothing from this module.
 */
export function installBenchMicrophone(names: readonly string[]): void {
  const mic: BenchMicrophone = { events: [] };
  (globalThis as unknown as { benchMicrophone: BenchMicrophone }).benchMicrophone = mic;
  navigator.mediaDevices.getUserMedia = async () => {
    // Made when the widget asks, inside the click on its microphone button: a context may run only after a gesture.
    mic.context = new AudioContext();
    await mic.context.resume();
    mic.destination = mic.context.createMediaStreamDestination();
    return mic.destination.stream;
  };
  // The one microphone the page has (the widget looks for one before it asks).
  navigator.mediaDevices.enumerateDevices = async () => [
    { kind: 'audioinput', deviceId: 'bench', groupId: 'bench', label: 'benchmark recordings', toJSON: () => ({}) } as MediaDeviceInfo,
  ];
  for (const name of names)
    document.addEventListener(name, (event) => {
      const detail = (event as CustomEvent<Record<string, unknown>>).detail;
      mic.events.push({ name, at: typeof detail.at === 'number' ? detail.at : performance.now(), detail });
    });
}

/**
 * Plays a WAV into the page's microphone; resolves with when it starts, as `performance.now()` time (from the audio
 * clock's output timestamp where the context has one).
 */
export async function playToBenchMicrophone(url: string): Promise<number> {
  const mic = (globalThis as unknown as { benchMicrophone: BenchMicrophone }).benchMicrophone;
  const { context, destination } = mic;
  if (!context || !destination) throw new Error('the widget has not opened the microphone');
  const buffer = await context.decodeAudioData(await (await fetch(url)).arrayBuffer());
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(destination);
  const when = context.currentTime + 0.1;
  source.start(when);
  const stamp = context.getOutputTimestamp();
  return stamp.performanceTime && stamp.contextTime !== undefined
    ? stamp.performanceTime + (when - stamp.contextTime) * 1000
    : performance.now() + (when - context.currentTime) * 1000;
}

/** The voice events kept so far, and `performance.timeOrigin` (to put them on the server's clock). */
export function benchMicrophoneEvents(): { timeOrigin: number; events: BenchMicrophone['events'] } {
  const mic = (globalThis as unknown as { benchMicrophone: BenchMicrophone }).benchMicrophone;
  return { timeOrigin: performance.timeOrigin, events: mic.events };
}
