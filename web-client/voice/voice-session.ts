import { MicVAD } from '@ricky0123/vad-web';
import type { AwaitedSpeech, VoiceAudio, VoiceDone, VoiceError, VoiceTranscript } from '../../channels/web/protocol.ts';
import { createEchoGuard, type EchoGuardOptions } from './echo-guard.ts';
import { endOfTurnSettings } from './end-of-turn.ts';
import { floatToPcm16, pcm16ToFloat } from './pcm16.ts';
import { createReplyPlayer } from './reply-player.ts';
import { dispatchVoiceEvent, type VoiceState } from './voice-events.ts';
import type { VoiceSocket } from './voice-socket.ts';

/** Options of {@link startVoiceSession}. */
export interface VoiceSessionOptions {
  socket: VoiceSocket;
  /** Created in the click that turned voice on (browsers let a page play audio only after a gesture). */
  context: AudioContext;
  /** Opens the microphone; called once the detector's model is loaded (its errors reject {@link startVoiceSession}). */
  getStream(): Promise<MediaStream>;
  /** Where vad-web's model and worklet and onnxruntime-web's files are served, ending in `/`. */
  assetBase: string;
  /** The widget element; voice events are dispatched on it. */
  element: HTMLElement;
  /** Ignore speech that matches the bot's own playback (see `echo-guard.ts`); `false` turns the guard off. Default on. */
  echoGuard?: Partial<EchoGuardOptions> | false;
  /** Speech while the bot talks must last this long before it interrupts, in milliseconds. Default 300. */
  bargeInMinSpeechMs?: number;
  /** A new utterance id. */
  newId(): string;
  onState(state: VoiceState): void;
  /** The server's final transcript of an utterance (shown as the user's message). */
  onTranscript(utteranceId: string, text: string): void;
  /** An utterance was sent; its reply follows as the web channel's `reply` parts and `turn-end`. */
  onUtterance(utteranceId: string): void;
  onError(error: VoiceError): void;
}

/** A running voice session: the microphone is open and the detector listening. */
export interface VoiceSession {
  stop(): Promise<void>;
}

const sampleRate = 16_000;
/** Samples per `voice-chunk`: 8192 samples are 16,384 bytes, the server's default chunk limit. */
const chunkSamples = 8192;
/** The server refuses utterances over 30 s by default; a longer one is cut there. */
const maxSamples = 29 * sampleRate;

/**
 * Voice in the widget: vad-web's Silero detector on the microphone, each utterance sent as 16-bit PCM at 16 kHz over
 * the widget's socket (`voice-start`, `voice-chunk`s, `voice-end`), the reply's audio played as its chunks arrive,
 * barge-in (speech while the bot talks stops playback and sends `interrupt`) with an echo guard, and the
 * end-of-turn wait chosen by what the bot awaits (`voice-done.awaiting`).
 */
export async function startVoiceSession(options: VoiceSessionOptions): Promise<VoiceSession> {
  const { socket, context, element } = options;
  const now = () => performance.now();
  const toPerformance = (audioS: number) => now() + (audioS - context.currentTime) * 1000;
  const guard = options.echoGuard === false ? undefined : createEchoGuard(options.echoGuard);
  const bargeInMinSpeechMs = options.bargeInMinSpeechMs ?? 300;

  let state: VoiceState = 'loading';
  let awaiting: AwaitedSpeech = 'none';
  /** The utterance whose reply the widget plays now (older replies' audio is dropped). */
  let current: string | undefined;
  /** The reply of `current` is complete on the server. */
  let done = false;
  /** The speech the detector is hearing now; `overlapped`: the bot was playing meanwhile. */
  let segment: { startedAt: number; echo: boolean; bargedIn: boolean; overlapped: boolean; speechFrames: number } | undefined;
  let stopped = false;
  let stream: MediaStream | undefined;

  const setState = (next: VoiceState) => {
    if (state === next || stopped) return;
    state = next;
    options.onState(next);
    dispatchVoiceEvent(element, 'parley-voice-state', { at: now(), state: next });
  };

  const player = createReplyPlayer(context, {
    onStart(replyId, atS) {
      setState('speaking');
      dispatchVoiceEvent(element, 'parley-voice-playback-start', { at: toPerformance(atS), utteranceId: replyId });
    },
    onScheduled: (startS, samples, rate) => guard?.played(startS, samples, rate),
    onDrained(replyId, playedMs) {
      dispatchVoiceEvent(element, 'parley-voice-playback-end', { at: now(), utteranceId: replyId, playedMs, stopped: false });
      if (replyId === current) setState('listening');
    },
  });

  const bargeIn = () => {
    if (!segment || segment.bargedIn || !player.playing) return;
    segment.bargedIn = true;
    const replyId = player.replyId!;
    const playedMs = player.stop();
    guard?.stoppedAt(context.currentTime);
    socket.emit('interrupt', { playedMs: Math.round(playedMs) });
    dispatchVoiceEvent(element, 'parley-voice-barge-in', { at: now(), utteranceId: replyId, playedMs });
    dispatchVoiceEvent(element, 'parley-voice-playback-end', { at: now(), utteranceId: replyId, playedMs, stopped: true });
    current = undefined;
    setState('listening');
  };

  /** While the bot talks, speech interrupts once it is long enough and not the bot's own echo. */
  const considerBargeIn = () => {
    if (!segment || segment.bargedIn || !player.playing) return;
    segment.overlapped = true;
    if (segment.speechFrames * 32 < bargeInMinSpeechMs) return;
    const judgement = guard?.judge() ?? { echo: false, correlation: 0 };
    if (judgement.echo) {
      if (!segment.echo) dispatchVoiceEvent(element, 'parley-voice-echo-ignored', { at: now(), correlation: judgement.correlation });
      segment.echo = true;
      return;
    }
    segment.echo = false;
    bargeIn();
  };

  const sendUtterance = (audio: Float32Array) => {
    const id = options.newId();
    const pcm = floatToPcm16(audio.length > maxSamples ? audio.subarray(0, maxSamples) : audio);
    dispatchVoiceEvent(element, 'parley-voice-speech-end', { at: now(), utteranceId: id, audioMs: (audio.length / sampleRate) * 1000 });
    // A new utterance supersedes the reply in progress, on the server and here.
    if (player.playing) player.stop();
    current = id;
    done = false;
    setState('thinking');
    socket.emit('voice-start', { id, sampleRate });
    for (let at = 0; at < pcm.length; at += chunkSamples) {
      const part = pcm.slice(at, at + chunkSamples);
      socket.emit('voice-chunk', { id, audio: new Uint8Array(part.buffer) });
    }
    socket.emit('voice-end', { id });
    options.onUtterance(id);
  };

  const onAudio = (audio: VoiceAudio) => {
    if (audio.id !== current || stopped) return;
    const bytes = audio.audio instanceof Uint8Array ? audio.audio : new Uint8Array(audio.audio as ArrayBuffer);
    player.enqueue(audio.id, pcm16ToFloat(bytes), audio.sampleRate);
  };
  const onTranscript = (t: VoiceTranscript) => {
    if (!t.final || stopped) return;
    dispatchVoiceEvent(element, 'parley-voice-transcript', { at: now(), utteranceId: t.id, text: t.text });
    if (t.text) options.onTranscript(t.id, t.text);
  };
  const onDone = (d: VoiceDone) => {
    if (stopped) return;
    if (d.awaiting) {
      awaiting = d.awaiting;
      vad.setOptions(endOfTurnSettings(awaiting));
    }
    dispatchVoiceEvent(element, 'parley-voice-turn-end', { at: now(), utteranceId: d.id, status: d.status, awaiting: d.awaiting ?? awaiting });
    if (d.id !== current) return;
    done = true;
    if (player.playing && player.replyId === d.id) player.finish(d.id);
    else setState('listening');
  };
  const onError = (error: VoiceError) => {
    if (stopped) return;
    if (error.id && error.id === current && !done) setState('listening');
    options.onError(error);
  };
  socket.on('voice-audio', onAudio);
  socket.on('voice-transcript', onTranscript);
  socket.on('voice-done', onDone);
  socket.on('voice-error', onError);

  const detach = () => {
    socket.off('voice-audio', onAudio);
    socket.off('voice-transcript', onTranscript);
    socket.off('voice-done', onDone);
    socket.off('voice-error', onError);
  };
  let vad: MicVAD;
  try {
    vad = await MicVAD.new({
      model: 'v5',
      baseAssetPath: options.assetBase,
      onnxWASMBasePath: options.assetBase,
      audioContext: context,
      processorType: 'AudioWorklet',
      startOnLoad: true,
      getStream: async () => {
        stream = await options.getStream();
        return stream;
      },
      pauseStream: async () => undefined,
      resumeStream: async (paused) => paused,
      ortConfig: (ort) => {
        // One thread: no SharedArrayBuffer, so the host page needs no cross-origin isolation.
        ort.env.wasm.numThreads = 1;
        ort.env.logLevel = 'error';
      },
      ...endOfTurnSettings(awaiting),
      onFrameProcessed: (probabilities, frame) => {
        guard?.heard(context.currentTime, frame, sampleRate);
        if (!segment) return;
        // Judged only on frames of speech: a pause inside the segment says nothing about whose voice it is.
        if (probabilities.isSpeech < endOfTurnSettings(awaiting).positiveSpeechThreshold) return;
        segment.speechFrames++;
        considerBargeIn();
      },
      onSpeechStart: () => {
        segment = { startedAt: now(), echo: false, bargedIn: false, overlapped: player.playing, speechFrames: 0 };
        dispatchVoiceEvent(element, 'parley-voice-speech-start', { at: segment.startedAt });
      },
      onVADMisfire: () => {
        segment = undefined;
      },
      onSpeechEnd: (audio) => {
        const heard = segment;
        segment = undefined;
        // Speech over the bot that did not interrupt it (its own echo, or too short) is not the user's turn.
        if (heard && (heard.echo || heard.overlapped) && !heard.bargedIn) return;
        sendUtterance(audio);
      },
    });
  } catch (error) {
    detach();
    player.close();
    for (const track of stream?.getTracks() ?? []) track.stop();
    throw error;
  }
  setState('listening');

  return {
    async stop() {
      if (stopped) return;
      player.stop();
      setState('off');
      stopped = true;
      detach();
      await vad.destroy().catch(() => undefined);
      player.close();
      for (const track of stream?.getTracks() ?? []) track.stop();
    },
  };
}
