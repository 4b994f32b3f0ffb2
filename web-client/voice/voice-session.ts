import { MicVAD } from '@ricky0123/vad-web';
import type { AwaitedSpeech, VoiceAudio, VoiceDone, VoiceError, VoiceTranscript } from '../../channels/web/protocol.ts';
import { createEchoGuard, type EchoGuardOptions } from './echo-guard.ts';
import { earlyEndMs, endOfTurnSettings } from './end-of-turn.ts';
import { pcm16ToFloat } from './pcm16.ts';
import { createReplyPlayer } from './reply-player.ts';
import { startUtteranceStream, type UtteranceStream, utteranceSampleRate as sampleRate } from './utterance-stream.ts';
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

/** The speech the detector hears now (see `segment` in {@link startVoiceSession}). */
interface Segment {
  startedAt: number;
  echo: boolean;
  bargedIn: boolean;
  overlapped: boolean;
  speechFrames: number;
  frames: Float32Array[];
  all: Float32Array[];
  stream?: UtteranceStream;
  silentFrames: number;
  silenceFromMs?: number;
  /** The utterance was ended early; the detector still hears the segment. */
  endedEarly: boolean;
}

/** Milliseconds per detector frame (Silero v5: 512 samples at 16 kHz). */
const frameMs = 32;

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
  // The server builds its recognizer's searches while the detector loads.
  socket.emit('voice-prepare');
  const guard = options.echoGuard === false ? undefined : createEchoGuard(options.echoGuard);
  const bargeInMinSpeechMs = options.bargeInMinSpeechMs ?? 300;

  let state: VoiceState = 'loading';
  let awaiting: AwaitedSpeech = 'none';
  let endOfTurn = endOfTurnSettings(awaiting);
  /** The utterance whose reply the widget plays now (older replies' audio is dropped). */
  let current: string | undefined;
  /** The reply of `current` is complete on the server. */
  let done = false;
  /**
   * The speech the detector is hearing now: its frames (with the pre-speech pad) until it is streamed; `overlapped`:
   * the bot was playing meanwhile; `all`: every frame of it, re-sent if the user goes on after an early end;
   * `silentFrames`: silent frames since the last speech while streaming, from `silenceFromMs` of the utterance's audio.
   */
  let segment: Segment | undefined;
  /** The server's latest partial transcript of the utterance streaming now. */
  let partial: { id: string; complete: boolean; audioMs: number } | undefined;
  /** The last frames before any speech: the pre-speech pad of the next segment. */
  let recent: Float32Array[] = [];
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
    startStreaming();
  };

  /** While the bot talks, speech interrupts once it is long enough and not the bot's own echo. */
  const considerBargeIn = () => {
    if (!segment || segment.bargedIn || !player.playing) return;
    segment.overlapped = true;
    if (segment.speechFrames * frameMs < bargeInMinSpeechMs) return;
    const judgement = guard?.judge() ?? { echo: false, correlation: 0 };
    if (judgement.echo) {
      if (!segment.echo) dispatchVoiceEvent(element, 'parley-voice-echo-ignored', { at: now(), correlation: judgement.correlation });
      segment.echo = true;
      return;
    }
    segment.echo = false;
    bargeIn();
  };

  /**
   * Speech that began over the bot and goes on after it stopped is the user's turn once it is long enough and not
   * the tail of the bot's own echo (the guard still sees the playback within its delay window).
   */
  const considerTakingOver = () => {
    if (!segment || segment.speechFrames * frameMs < bargeInMinSpeechMs || guard?.judge().echo) return;
    segment.echo = false;
    startStreaming();
  };

  /** Once speech is surely the user's turn, it streams as it goes on: a new utterance supersedes the reply in progress. */
  const startStreaming = () => {
    if (!segment || segment.stream) return;
    if (player.playing) player.stop();
    const id = options.newId();
    current = id;
    done = false;
    segment.stream = startUtteranceStream(socket, id, segment.frames);
    segment.frames = [];
  };
  const endUtterance = (stream: UtteranceStream, early: boolean) => {
    const audioMs = stream.end();
    dispatchVoiceEvent(element, 'parley-voice-speech-end', { at: now(), utteranceId: stream.id, audioMs, early });
    setState('thinking');
    options.onUtterance(stream.id);
  };

  /**
   * A short silence ends the utterance when the server's words up to it are a complete request; the detector's
   * segment stays open, so speech that goes on within its wait is sent again as one utterance (see `resume`).
   */
  const considerEarlyEnd = () => {
    const heard = segment;
    if (!heard?.stream || heard.silentFrames * frameMs < earlyEndMs || heard.silenceFromMs === undefined) return;
    if (partial?.id !== heard.stream.id || !partial.complete || partial.audioMs < heard.silenceFromMs) return;
    const stream = heard.stream;
    heard.stream = undefined;
    heard.endedEarly = true;
    heard.frames = [...heard.all];
    heard.speechFrames = 0;
    endUtterance(stream, true);
  };
  /** The user went on after an early end: the whole segment streams as a new utterance, which supersedes the first. */
  const resume = () => {
    if (!segment?.endedEarly || segment.stream || segment.speechFrames * frameMs < endOfTurn.minSpeechMs) return;
    segment.endedEarly = false;
    startStreaming();
  };

  const onAudio = (audio: VoiceAudio) => {
    if (audio.id !== current || stopped) return;
    const bytes = audio.audio instanceof Uint8Array ? audio.audio : new Uint8Array(audio.audio as ArrayBuffer);
    player.enqueue(audio.id, pcm16ToFloat(bytes), audio.sampleRate);
  };
  const onTranscript = (t: VoiceTranscript) => {
    if (stopped) return;
    if (!t.final) {
      if (t.id === segment?.stream?.id) partial = { id: t.id, complete: t.complete === true, audioMs: t.audioMs ?? 0 };
      considerEarlyEnd();
      return;
    }
    dispatchVoiceEvent(element, 'parley-voice-transcript', { at: now(), utteranceId: t.id, text: t.text });
    if (t.text) options.onTranscript(t.id, t.text);
  };
  const onDone = (d: VoiceDone) => {
    if (stopped) return;
    if (d.awaiting) {
      awaiting = d.awaiting;
      endOfTurn = endOfTurnSettings(awaiting);
      vad.setOptions(endOfTurn);
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
      ...endOfTurn,
      onFrameProcessed: (probabilities, frame) => {
        guard?.heard(context.currentTime, frame, sampleRate);
        if (!segment) {
          recent.push(frame);
          const pad = Math.floor(endOfTurn.preSpeechPadMs / frameMs) + 1;
          if (recent.length > pad) recent.splice(0, recent.length - pad);
          return;
        }
        segment.all.push(frame);
        if (segment.stream) {
          segment.stream.push(frame);
          if (probabilities.isSpeech >= endOfTurn.positiveSpeechThreshold) segment.silentFrames = 0;
          else if (probabilities.isSpeech < endOfTurn.negativeSpeechThreshold && segment.silentFrames++ === 0)
            segment.silenceFromMs = segment.stream.audioMs() - frameMs;
          considerEarlyEnd();
        } else segment.frames.push(frame);
        // Judged only on frames of speech: a pause inside the segment says nothing about whose voice it is.
        if (probabilities.isSpeech < endOfTurn.positiveSpeechThreshold) return;
        segment.speechFrames++;
        if (player.playing) considerBargeIn();
        else if (segment.endedEarly) resume();
        else if (segment.overlapped && !segment.stream && !segment.bargedIn) considerTakingOver();
      },
      onSpeechStart: () => {
        // The frame that started speech was handed to onFrameProcessed already: it is the last of `recent`.
        segment = { startedAt: now(), echo: false, bargedIn: false, overlapped: player.playing, speechFrames: 0, frames: recent, all: [...recent], silentFrames: 0, endedEarly: false };
        recent = [];
        dispatchVoiceEvent(element, 'parley-voice-speech-start', { at: segment.startedAt });
      },
      onSpeechRealStart: () => {
        // Past the shortest speech the detector keeps, the segment ends as an utterance, never as a misfire.
        if (segment && !segment.overlapped && !player.playing) startStreaming();
      },
      onVADMisfire: () => {
        segment = undefined;
      },
      onSpeechEnd: () => {
        const heard = segment;
        segment = undefined;
        if (stopped) return;
        // Speech over the bot that did not interrupt it (its own echo, or too short) is not the user's turn.
        if (heard?.stream) endUtterance(heard.stream, false);
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
      // Voice off: the reply stops speaking and an utterance on its way is dropped, here and on the server.
      const playedMs = player.playing ? player.stop() : undefined;
      if (playedMs !== undefined || segment?.stream) socket.emit('interrupt', playedMs === undefined ? {} : { playedMs: Math.round(playedMs) });
      segment = undefined;
      setState('off');
      stopped = true;
      detach();
      await vad.destroy().catch(() => undefined);
      player.close();
      for (const track of stream?.getTracks() ?? []) track.stop();
    },
  };
}
