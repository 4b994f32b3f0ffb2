import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { turnLimits } from '../../core/check-turn.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';
import type { PcmAudio } from '../../engine/speech/pcm-audio.ts';
import { encodeWav, parseWav } from '../../engine/speech/wav.ts';
import { createApiKeyCheck } from '../http/api-key-check.ts';
import type { ClientAddress } from '../http/client-address.ts';
import { createRateLimiter, type RateLimitOptions } from '../web/rate-limiter.ts';
import { HttpError } from '../http/http-error.ts';
import { restUserId } from '../http/rest-message-body.ts';
import { sendJson } from '../http/send-json.ts';
import { sendRestError } from '../http/send-rest-error.ts';
import type { ReplyAudio } from './reply-speaker.ts';
import type { VoiceAvailability } from './lazy-voice-services.ts';
import { runSpokenTurn } from './spoken-turn.ts';
import { readBody } from '../http/read-body.ts';
import type { VoiceLimits } from './voice-limits.ts';

/** Options of {@link createUtteranceRoute}. */
export interface UtteranceRouteOptions {
  /** Services of a spoken turn, or why there are none (the route then answers 503 saying why). */
  voice: () => VoiceAvailability;
  /** The same keys as the REST channel. */
  apiKeys: readonly string[];
  limits: VoiceLimits;
  /** Milliseconds a client may take to send the audio. */
  bodyTimeoutMs: number;
  /** Requests per client address (`false`: none); the REST channel's limit. */
  requestsPerAddress: RateLimitOptions | false;
  /** The client address of a request. */
  clientAddress: ClientAddress;
  log: Logger;
  now: () => number;
  newId?: () => string;
}

const route = /^\/api\/conversations\/([^/]+)\/utterances$/;
const wavTypes = /^audio\/(?:wav|x-wav|wave|vnd\.wave)\b/i;

/** A route of the REST API: `handle` answers `POST /api/conversations/{id}/utterances` and returns false for anything else. */
export interface UtteranceRoute {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

function queryOf(url: URL): { turnId?: string; userId?: string; locale?: string } {
  const out: Record<string, string> = {};
  for (const name of ['turnId', 'userId', 'locale'] as const) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    if (value.trim() === '' || value.length > turnLimits.maxIdLength || /\p{Cs}/u.test(value))
      throw new HttpError(422, 'invalid_query', `${name} must be 1 to ${turnLimits.maxIdLength} characters`);
    out[name] = value;
  }
  return out;
}

function conversationIdOf(encoded: string): string {
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    throw new HttpError(400, 'invalid_conversation_id', 'the conversation id is not valid percent-encoded UTF-8');
  }
  if (id.length > turnLimits.maxIdLength || id.trim() === '')
    throw new HttpError(422, 'invalid_conversation_id', `conversation ids are 1 to ${turnLimits.maxIdLength} UTF-16 code units`);
  return id;
}

function joinAudio(chunks: readonly ReplyAudio[]): PcmAudio | undefined {
  const first = chunks[0];
  if (!first) return undefined;
  const samples = new Int16Array(chunks.reduce((n, c) => n + c.samples.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    samples.set(chunk.samples, at);
    at += chunk.samples.length;
  }
  return { sampleRate: first.sampleRate, samples };
}

/**
 * Spoken turns over REST: `POST /api/conversations/{id}/utterances?turnId=&userId=&locale=` with a WAV body
 * (`Content-Type: audio/wav`, 16-bit PCM, 8–48 kHz, resampled as needed), authenticated with the REST API keys.
 * Answers `{ conversationId, turnId, status, transcript, confidence, reply, events, audio: { contentType:
 * "audio/wav", base64 } }` — the turn a typed message runs, plus its speech. Not WAV: 415 (another content
 * type) or 422 (a body that is not readable 16-bit PCM); too long: 413. `status` is `no_speech` when nothing was
 * recognized (no turn ran).
 */
export function createUtteranceRoute(options: UtteranceRouteOptions): UtteranceRoute {
  const authorized = createApiKeyCheck(options.apiKeys);
  const newId = options.newId ?? randomUUID;
  const limiter = options.requestsPerAddress ? createRateLimiter(options.requestsPerAddress, options.now) : undefined;

  const post = async (req: IncomingMessage, res: ServerResponse, conversationId: string, url: URL) => {
    const services = options.voice();
    if ('unavailable' in services) throw new HttpError(503, 'voice_unavailable', services.unavailable);
    const query = queryOf(url);
    if (!wavTypes.test(req.headers['content-type'] ?? ''))
      throw new HttpError(415, 'unsupported_media_type', 'send the utterance as audio/wav (16-bit PCM, mono, 8 to 48 kHz)');
    const body = await readBody(req, { maxBytes: options.limits.maxUtteranceBytes, timeoutMs: options.bodyTimeoutMs, what: 'audio', tooLargeCode: 'audio_too_large' });
    let audio: PcmAudio;
    try {
      audio = parseWav(body);
    } catch (error) {
      if (isParleyError(error) && error.name === 'WavFormatError') throw new HttpError(422, 'invalid_audio', error.message);
      throw error;
    }
    const seconds = audio.samples.length / audio.sampleRate;
    if (seconds > options.limits.maxUtteranceSeconds)
      throw new HttpError(413, 'utterance_too_long', `the utterance is ${seconds.toFixed(1)} s long; the limit is ${options.limits.maxUtteranceSeconds} s`);
    const turnId = query.turnId ?? newId();
    const speech: ReplyAudio[] = [];
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const outcome = await runSpokenTurn(services, {
      turn: {
        id: turnId,
        conversationId,
        user: { id: query.userId ?? restUserId(conversationId), verified: false },
        channel: 'rest',
        locale: query.locale ?? 'en',
        timestamp: options.now(),
      },
      audio: (async function* () {
        yield audio.samples;
      })(),
      sampleRate: audio.sampleRate,
      signal: controller.signal,
      onAudio: (chunk) => {
        speech.push(chunk);
      },
    });
    const wav = joinAudio(speech);
    sendJson(res, 200, {
      conversationId,
      turnId,
      status: outcome.status,
      transcript: outcome.transcript,
      confidence: outcome.confidence,
      reply: outcome.events.flatMap((e) => (e.type === 'text-end' ? [e.text] : [])).join('\n'),
      events: outcome.events,
      audio: wav ? { contentType: 'audio/wav', base64: Buffer.from(encodeWav(wav)).toString('base64') } : null,
    });
  };

  const answerError = (error: unknown, res: ServerResponse, path: string) =>
    sendRestError(res, error, { log: options.log, path, retryAfterS: 1, what: 'spoken turn' });

  return {
    async handle(req, res) {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        return false;
      }
      const match = route.exec(url.pathname);
      if (!match) return false;
      try {
        const decision = limiter?.take(options.clientAddress(req));
        if (decision && !decision.ok) {
          res.setHeader('retry-after', String(Math.ceil(decision.retryAfterMs / 1000)));
          throw new HttpError(429, 'rate_limited', `too many requests; try again in ${Math.ceil(decision.retryAfterMs / 1000)} s`);
        }
        if (!authorized(req.headers.authorization)) {
          res.setHeader('www-authenticate', 'Bearer');
          throw new HttpError(401, 'unauthorized', 'send a valid API key as "Authorization: Bearer <key>"');
        }
        const conversationId = conversationIdOf(match[1]!);
        if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
        await post(req, res, conversationId, url);
      } catch (error) {
        answerError(error, res, url.pathname);
      }
      return true;
    },
  };
}
