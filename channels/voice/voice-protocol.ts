/**
 * The voice events of the widget's socket.io connection (besides the web channel's `message`, `reply` and
 * `turn-end`, which voice turns use too). Types only; imports contracts only.
 */
import type { TurnStatus } from '../../core/contracts/turn-result.ts';

/** Starts an utterance; `id` is its turn id (an idempotency key, as for messages). */
export interface VoiceStart {
  id: string;
  /** Sample rate of the chunks that follow, 8000 to 48000 Hz. */
  sampleRate: number;
}

/** A piece of the utterance: 16-bit little-endian PCM, mono; at most `VoiceLimits.maxChunkBytes`. */
export interface VoiceChunk {
  id: string;
  audio: ArrayBuffer | Uint8Array;
}

/** The utterance is complete. */
export interface VoiceEnd {
  id: string;
}

/** Barge-in: stop speaking and abort the bot's turn now. `playedMs`: how much of the reply's audio the client played (what the history keeps). */
export interface VoiceInterrupt {
  playedMs?: number;
}

/** What the recognizer heard so far (`final: false`) or in the end. */
export interface VoiceTranscript {
  id: string;
  text: string;
  confidence: number;
  final: boolean;
}

/** A chunk of the reply's speech, in order within the turn (`seq` from 0). */
export interface VoiceAudio {
  id: string;
  messageId: string;
  seq: number;
  sampleRate: number;
  /** 16-bit little-endian PCM, mono. */
  audio: Uint8Array;
}

/** The voice turn ended: a turn status, `no_speech`, or `interrupted` with what had been spoken by then. */
export interface VoiceDone {
  id: string;
  status: TurnStatus | 'no_speech' | 'interrupted';
  /** For `interrupted`: the words of the reply the user heard (the stored history keeps these instead of the reply). */
  spokenText?: string;
}

/** Why a voice event was refused. The connection stays usable. */
export type VoiceErrorCode =
  | 'voice_unavailable'
  | 'invalid_audio'
  | 'utterance_too_long'
  | 'chunk_too_large'
  | 'too_many_streams'
  | 'rate_limited'
  | 'unknown_utterance'
  | 'voice_failed';

/** The payload of `voice-error`. */
export interface VoiceError {
  id?: string;
  code: VoiceErrorCode;
  message: string;
}

/** The acknowledgement of `voice-start` and `voice-end`. */
export type VoiceAck = { ok: true } | { ok: false; error: VoiceError };

/** Voice events the browser emits. */
export interface VoiceClientEvents {
  'voice-start': (start: VoiceStart, ack?: (result: VoiceAck) => void) => void;
  'voice-chunk': (chunk: VoiceChunk) => void;
  'voice-end': (end: VoiceEnd, ack?: (result: VoiceAck) => void) => void;
  interrupt: (interrupt: VoiceInterrupt) => void;
}

/** Voice events the server emits. */
export interface VoiceServerEvents {
  'voice-transcript': (transcript: VoiceTranscript) => void;
  'voice-audio': (audio: VoiceAudio) => void;
  'voice-done': (done: VoiceDone) => void;
  'voice-error': (error: VoiceError) => void;
}
