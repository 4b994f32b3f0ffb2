import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { ChannelUser } from '../../core/contracts/user-turn.ts';
import { wavSampleRates } from '../../engine/speech/wav.ts';
import { createRateLimiter } from '../web/rate-limiter.ts';
import { type ChunkQueue, createChunkQueue } from './chunk-queue.ts';
import { awaitedSpeech } from './awaited-speech.ts';
import type { VoiceAvailability } from './lazy-voice-services.ts';
import { prepareRecognizer } from './prepare-recognizer.ts';
import type { SpokenWord } from './reply-speaker.ts';
import { runSpokenTurn, type VoiceServices } from './spoken-turn.ts';
import type { VoiceLimits } from './voice-limits.ts';
import type { VoiceAck, VoiceError, VoiceErrorCode } from './voice-protocol.ts';

/** Options of {@link attachVoice}. */
export interface AttachVoiceOptions {
  voice: () => VoiceAvailability;
  limits: VoiceLimits;
  log: Logger;
  now: () => number;
}

/** The part of a socket.io server voice listens on. */
export interface VoiceSocketServer {
  on(event: 'connection', listener: (socket: Socket) => void): unknown;
}

/** What the web channel's handshake put in `socket.data`. */
interface SocketIdentity {
  conversationId: string;
  user: ChannelUser;
  locale: string;
}

interface Utterance {
  id: string;
  sampleRate: number;
  bytes: number;
  chunks: ChunkQueue<Int16Array>;
  controller: AbortController;
}

const widgetEvents = new Set<BotEvent['type']>(['text-delta', 'text-end', 'suggestions', 'card', 'handoff']);

class VoiceRefusal extends Error {
  constructor(
    readonly code: VoiceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The reply words heard in the first `playedMs` of the turn's audio, joined. */
function heard(words: readonly SpokenWord[], playedMs: number): string {
  return words
    .filter((w) => w.startMs < playedMs)
    .map((w) => w.text)
    .join(' ');
}

/**
 * Voice on the web channel's socket.io connections: an utterance streams in as `voice-start`, `voice-chunk`s of
 * 16-bit PCM and `voice-end`; the transcript comes back as `voice-transcript` (partial, then final), the reply as
 * the web channel's `reply` parts and `turn-end`, its speech as `voice-audio` chunks, then `voice-done`. A new
 * utterance supersedes the voice turn running on the connection; `interrupt` stops recognition, speech and the bot's
 * turn at once and answers `voice-done` with what had been spoken, which is also what the stored history keeps of
 * the reply. Every refusal (too long, too big, too many, too fast, no
 * recognizer) is a `voice-error` naming the limit; the connection stays usable.
 */
export function attachVoice(io: VoiceSocketServer, options: AttachVoiceOptions): void {
  const { limits, log } = options;
  io.on('connection', (socket) => {
    const identity = () => socket.data as SocketIdentity;
    const limiter = createRateLimiter(limits.utterancesPerConnection, options.now);
    const streaming = new Map<string, Utterance>();
    /** Utterances stopped by an interruption or a refusal (recent ids only). */
    const ended = new Set<string>();
    const forget = (id: string) => {
      ended.add(id);
      if (ended.size > 16) ended.delete(ended.values().next().value!);
    };
    let speaking: { id: string; controller: AbortController; words: SpokenWord[]; done: boolean; bot: VoiceServices['bot'] } | undefined;

    const refuse = (error: VoiceError, ack?: (result: VoiceAck) => void) => {
      log.debug({ conversationId: identity().conversationId, code: error.code }, 'voice event refused');
      socket.emit('voice-error', error);
      ack?.({ ok: false, error });
    };
    const stopSpeaking = (playedMs: number | undefined) => {
      if (!speaking || speaking.done) return;
      speaking.done = true;
      speaking.controller.abort();
      const spokenText = heard(speaking.words, playedMs ?? Number.POSITIVE_INFINITY);
      const { id, bot } = speaking;
      const { conversationId } = identity();
      // The bot's turn stops too (commands not yet started never run), and its stored reply becomes what was heard.
      bot.abort(conversationId, id);
      bot.reviseReply(conversationId, id, spokenText).catch((error: unknown) => log.error({ err: error, conversationId, turnId: id }, 'storing what was heard of a reply failed'));
      socket.emit('voice-done', { id, status: 'interrupted', spokenText });
    };

    const start = (message: unknown): Utterance => {
      const m = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
      if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > 256) throw new VoiceRefusal('invalid_audio', 'voice-start needs an "id" of 1 to 256 characters');
      if (typeof m.sampleRate !== 'number' || !Number.isInteger(m.sampleRate) || m.sampleRate < wavSampleRates.min || m.sampleRate > wavSampleRates.max)
        throw new VoiceRefusal('invalid_audio', `voice-start needs a "sampleRate" of ${wavSampleRates.min} to ${wavSampleRates.max} Hz`);
      const services = options.voice();
      if ('unavailable' in services) throw new VoiceRefusal('voice_unavailable', services.unavailable);
      if (streaming.size >= limits.streamsPerConnection)
        throw new VoiceRefusal('too_many_streams', `at most ${limits.streamsPerConnection} utterance(s) may stream at once on a connection`);
      const decision = limiter.take('connection');
      if (!decision.ok) throw new VoiceRefusal('rate_limited', `too many utterances; try again in ${Math.ceil(decision.retryAfterMs / 1000)} s`);
      const utterance: Utterance = { id: m.id, sampleRate: m.sampleRate, bytes: 0, chunks: createChunkQueue(), controller: new AbortController() };
      streaming.set(utterance.id, utterance);
      // A new utterance is a barge-in: the previous reply stops speaking.
      stopSpeaking(undefined);
      const words: SpokenWord[] = [];
      speaking = { id: utterance.id, controller: utterance.controller, words, done: false, bot: services.bot };
      const turn = speaking;
      const { conversationId, user, locale } = identity();
      let seq = 0;
      let key = 0;
      let sentMs = 0;
      let firstAudioAt: number | undefined;
      void runSpokenTurn(services, {
        turn: { id: utterance.id, conversationId, user, channel: 'web', locale, timestamp: options.now(), policy: 'supersede' },
        audio: utterance.chunks,
        sampleRate: utterance.sampleRate,
        signal: utterance.controller.signal,
        onTranscript: (t) => socket.emit('voice-transcript', { id: utterance.id, ...t }),
        onEvent: (event) => {
          if (!turn.done && widgetEvents.has(event.type)) socket.emit('reply', { turnId: utterance.id, key: `${key++}`, event });
        },
        onWord: (word) => words.push(word),
        onAudio: async (audio) => {
          if (turn.done) return;
          const bytes = new Uint8Array(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength);
          socket.emit('voice-audio', { id: utterance.id, messageId: audio.messageId, seq: seq++, sampleRate: audio.sampleRate, audio: bytes });
          firstAudioAt ??= options.now();
          sentMs += (audio.samples.length / audio.sampleRate) * 1000;
          const ahead = sentMs - (options.now() - firstAudioAt) - limits.audioLeadMs;
          if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
        },
      })
        .then((outcome) => {
          if (turn.done) return;
          turn.done = true;
          socket.emit('turn-end', { turnId: utterance.id, status: outcome.status === 'no_speech' ? 'completed' : outcome.status });
          socket.emit('voice-done', { id: utterance.id, status: outcome.status, awaiting: awaitedSpeech(services.registry, outcome.awaited) });
          // The next utterance is heard against the answer the bot now awaits: its searches are built meanwhile.
          prepareRecognizer(services, log, outcome.awaited);
        })
        .catch((error: unknown) => {
          if (utterance.controller.signal.aborted) return;
          log.error({ err: error, conversationId, turnId: utterance.id }, 'voice turn failed');
          turn.done = true;
          refuse({ id: utterance.id, code: 'voice_failed', message: 'the spoken turn failed; try again' });
        })
        .finally(() => streaming.delete(utterance.id));
      return utterance;
    };

    socket.on('voice-start', (message: unknown, ack?: (result: VoiceAck) => void) => {
      try {
        start(message);
        if (typeof ack === 'function') ack({ ok: true });
      } catch (error) {
        if (!(error instanceof VoiceRefusal)) throw error;
        refuse({ ...(typeof (message as { id?: unknown })?.id === 'string' ? { id: (message as { id: string }).id } : {}), code: error.code, message: error.message }, typeof ack === 'function' ? ack : undefined);
      }
    });

    socket.on('voice-chunk', (message: unknown) => {
      const m = (typeof message === 'object' && message !== null ? message : {}) as { id?: unknown; audio?: unknown };
      const utterance = typeof m.id === 'string' ? streaming.get(m.id) : undefined;
      if (!utterance) {
        // Chunks still in flight after an interruption or a refusal are dropped without a word.
        if (typeof m.id === 'string' && ended.has(m.id)) return;
        refuse({ ...(typeof m.id === 'string' ? { id: m.id } : {}), code: 'unknown_utterance', message: 'voice-chunk names no utterance streaming on this connection; send voice-start first' });
        return;
      }
      const audio = m.audio instanceof Uint8Array ? m.audio : m.audio instanceof ArrayBuffer ? new Uint8Array(m.audio) : undefined;
      const fail = (code: VoiceErrorCode, text: string) => {
        utterance.controller.abort();
        utterance.chunks.end();
        streaming.delete(utterance.id);
        forget(utterance.id);
        if (speaking?.id === utterance.id) speaking.done = true;
        refuse({ id: utterance.id, code, message: text });
      };
      if (!audio || audio.byteLength % 2 !== 0) return fail('invalid_audio', 'voice-chunk "audio" must be binary 16-bit PCM (an even number of bytes)');
      if (audio.byteLength > limits.maxChunkBytes) return fail('chunk_too_large', `a voice chunk is ${audio.byteLength} bytes; the limit is ${limits.maxChunkBytes}`);
      utterance.bytes += audio.byteLength;
      const seconds = utterance.bytes / 2 / utterance.sampleRate;
      if (utterance.bytes > limits.maxUtteranceBytes || seconds > limits.maxUtteranceSeconds)
        return fail('utterance_too_long', `the utterance is over the limit of ${limits.maxUtteranceSeconds} s (${limits.maxUtteranceBytes} bytes); it was dropped`);
      const copy = new Uint8Array(audio);
      utterance.chunks.push(new Int16Array(copy.buffer, 0, copy.byteLength / 2));
    });

    socket.on('voice-end', (message: unknown, ack?: (result: VoiceAck) => void) => {
      const id = (message as { id?: unknown } | undefined)?.id;
      const utterance = typeof id === 'string' ? streaming.get(id) : undefined;
      if (!utterance) {
        const error: VoiceError = { ...(typeof id === 'string' ? { id } : {}), code: 'unknown_utterance', message: 'voice-end names no utterance streaming on this connection' };
        // The end of an utterance already refused or interrupted: the client was told once, the ack says it again.
        if (typeof id === 'string' && ended.has(id)) {
          if (typeof ack === 'function') ack({ ok: false, error: { ...error, message: 'the utterance had already ended (refused or interrupted)' } });
          return;
        }
        refuse(error, typeof ack === 'function' ? ack : undefined);
        return;
      }
      utterance.chunks.end();
      // Its audio is complete: the connection may stream the next utterance while this one is answered.
      streaming.delete(utterance.id);
      if (typeof ack === 'function') ack({ ok: true });
    });

    socket.on('voice-prepare', () => {
      const services = options.voice();
      if (!('unavailable' in services)) prepareRecognizer(services, log);
    });

    socket.on('interrupt', (message: unknown) => {
      const playedMs = (message as { playedMs?: unknown } | undefined)?.playedMs;
      for (const utterance of streaming.values()) {
        utterance.chunks.end();
        forget(utterance.id);
      }
      streaming.clear();
      stopSpeaking(typeof playedMs === 'number' && playedMs >= 0 ? playedMs : undefined);
    });
    socket.on('disconnect', () => {
      for (const utterance of streaming.values()) {
        utterance.controller.abort();
        utterance.chunks.end();
      }
      streaming.clear();
    });
  });
}
