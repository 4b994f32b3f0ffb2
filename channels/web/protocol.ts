/**
 * The web channel's wire protocol: the typed socket.io event maps shared by the server
 * (`channels/web/web-channel.ts`, `channels/voice/attach-voice.ts`) and the browser widget (`web-client/`). Types
 * only, so the widget's bundle pays nothing for importing it.
 */
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { TurnStatus } from '../../core/contracts/turn-result.ts';

/** What the widget sends in socket.io's `auth` payload on every (re)connection. */
export interface HandshakeAuth {
  /** The token of the conversation to resume, from an earlier `session` event. */
  conversationToken?: string;
  /** A JWT issued by the host page's backend; makes the user verified (`ctx.user.verified`). */
  userToken?: string;
  /** BCP 47 locale of the browser, e.g. "en-GB". Default "en". */
  locale?: string;
}

/** One line of the transcript, as the widget shows it after a reload. */
export interface TranscriptLine {
  role: 'user' | 'bot';
  text: string;
  turnId: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** Sent once per fresh connection (not after a recovered short drop): the conversation and its history. */
export interface SessionInfo {
  conversationId: string;
  /** Signed token naming the conversation; send it back as `auth.conversationToken` to resume. */
  conversationToken: string;
  /** When `conversationToken` stops being accepted, in milliseconds since the epoch. */
  expiresAt: number;
  /** True when the connection continued the conversation of the token it presented. */
  resumed: boolean;
  user: { verified: boolean; name?: string };
  bot: { name: string };
  /** The conversation so far, oldest first (empty for a new conversation). */
  history: TranscriptLine[];
  limits: { maxTextLength: number };
  /** Present when the server takes spoken turns on this connection (the widget then shows its microphone). */
  voice?: VoiceSessionInfo;
}

/** Voice on a connection, as {@link SessionInfo} announces it. */
export interface VoiceSessionInfo {
  /** The sample rate the server prefers for utterance audio, in Hz (any of 8000 to 48000 is accepted). */
  sampleRate: number;
}

/** The reply events a browser receives; command calls, speech and internal errors stay on the server. */
export type WidgetEvent = Extract<
  BotEvent,
  { type: 'text-delta' | 'text-end' | 'suggestions' | 'card' | 'handoff' }
>;

/** One part of a bot reply. */
export interface ReplyPart {
  /** The user message this replies to (or `push:<id>` for a message the server pushed on its own). */
  turnId: string;
  /**
   * Unique within the turn and stable when the server sends a part again (a retried message): a client shows
   * each key once.
   */
  key: string;
  event: WidgetEvent;
}

/** The bot finished answering a message. */
export interface TurnEnd {
  turnId: string;
  status: TurnStatus;
}

/** A user message sent from another tab of the same conversation. */
export interface EchoedMessage {
  turnId: string;
  text: string;
  at: number;
}

/** Why the server refused something. */
export type WebErrorCode =
  /** The message is not `{ id, text }` with non-empty strings. */
  | 'invalid_message'
  /** The text is over `SessionInfo.limits.maxTextLength`. */
  | 'message_too_long'
  /** Too many messages in a short time; `retryAfterMs` says when the next one is accepted. */
  | 'rate_limited'
  /** The conversation token is forged, malformed or expired: connect without it to start a new conversation. */
  | 'invalid_conversation_token'
  /** The user token failed verification (or this server accepts none). */
  | 'invalid_user_token'
  /** The page's origin may not use this server. */
  | 'origin_not_allowed'
  /**
   * The server could not store the message or its outcome (storage failing, the conversation busy on another
   * node); nothing was lost: send the same message (same id) again after `retryAfterMs`.
   */
  | 'unavailable';

/** The payload of the `error` event, of a refused message's acknowledgement and of a refused connection. */
export interface WebError {
  code: WebErrorCode;
  /** A sentence a person can read. */
  message: string;
  /** The message it concerns, if any. */
  turnId?: string;
  /** For `rate_limited` and `unavailable`: milliseconds until a message is accepted again. */
  retryAfterMs?: number;
}

/** A user message. `id` is an idempotency key: sending the same id again never runs the turn twice. */
export interface OutgoingMessage {
  id: string;
  text: string;
}

/** The server's acknowledgement of a message: accepted (the reply follows as `reply` events) or refused. */
export type MessageAck = { ok: true } | { ok: false; error: WebError };

/** Events the server emits. */
export interface ServerToClientEvents {
  session: (session: SessionInfo) => void;
  reply: (part: ReplyPart) => void;
  'turn-end': (end: TurnEnd) => void;
  'user-message': (message: EchoedMessage) => void;
  error: (error: WebError) => void;
}

/** Events the browser emits. */
export interface ClientToServerEvents {
  message: (message: OutgoingMessage, ack: (result: MessageAck) => void) => void;
}

// Voice: the events of spoken turns on the same connection (`channels/voice/attach-voice.ts`).

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
  /**
   * For a partial: the words so far form a complete request (the classifier is sure of it, it does not stop on a
   * word like "the" or "does", and digits the bot asked for are all there), so the widget may end the utterance
   * after a short silence (`web-client/voice/end-of-turn.ts`, `earlyEndMs`).
   */
  complete?: boolean;
  /** For a partial: how much of the utterance's audio, from its start, the words cover, in milliseconds. */
  audioMs?: number;
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

/**
 * What the bot waits for next, as far as the end of the user's turn is concerned: `digits` — something people
 * read out slowly, with pauses (an order id); `free` — any other answer it asked for; `none` — nothing in
 * particular. The widget waits longer after speech for `digits` (`web-client/voice/end-of-turn.ts`).
 */
export type AwaitedSpeech = 'digits' | 'free' | 'none';

/** The voice turn ended: a turn status, `no_speech`, or `interrupted` with what had been spoken by then. */
export interface VoiceDone {
  id: string;
  status: TurnStatus | 'no_speech' | 'interrupted';
  /** For `interrupted`: the words of the reply the user heard (the stored history keeps these instead of the reply). */
  spokenText?: string;
  /** What the bot waits for after this turn (absent when interrupted or unknown). */
  awaiting?: AwaitedSpeech;
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
  /**
   * The microphone was turned on: the server readies its recognizer for the bot's language now (its models and
   * searches take a second to build), so the first utterance streams without that wait.
   */
  'voice-prepare': () => void;
}

/** Voice events the server emits. */
export interface VoiceServerEvents {
  'voice-transcript': (transcript: VoiceTranscript) => void;
  'voice-audio': (audio: VoiceAudio) => void;
  'voice-done': (done: VoiceDone) => void;
  'voice-error': (error: VoiceError) => void;
}
