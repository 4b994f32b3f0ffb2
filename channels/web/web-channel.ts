import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import pino, { type Logger } from 'pino';
import { Server as SocketServer, type Socket } from 'socket.io';
import type { BotEvent } from '../../core/contracts/bot-event.ts';
import type { Channel, ConversationReference } from '../../core/contracts/channel.ts';
import { turnLimits } from '../../core/check-turn.ts';
import type { TurnHandler } from '../../core/contracts/turn-handler.ts';
import { isRetryableTurnError } from '../../core/leased-turn-processor.ts';
import { defaultAbuseLimits } from '../http/abuse-limits.ts';
import { type ClientAddress, createClientAddress } from '../http/client-address.ts';
import { installAdmissionGate } from './admission-gate.ts';
import { authenticateHandshake, type WebIdentity } from './authenticate-handshake.ts';
import { chunkText } from './chunk-text.ts';
import { hasLoneSurrogate } from '../http/rest-message-body.ts';
import { createConversationOutbox } from './conversation-outbox.ts';
import { createConversationTokens } from './conversation-token.ts';
import { createOriginPolicy } from './origin-policy.ts';
import { createRedisSocketAdapter, type RedisSocketAdapter } from './redis-socket-adapter.ts';
import type {
  ClientToServerEvents,
  MessageAck,
  OutgoingMessage,
  ServerToClientEvents,
  VoiceSessionInfo,
  WidgetEvent,
} from './protocol.ts';
import { createMessageLimits } from './message-limits.ts';
import type { RateLimitOptions } from './rate-limiter.ts';
import { createUserTokenVerifier, type UserTokenOptions } from './user-token-verifier.ts';
import { WebChannelError } from './web-channel-error.ts';
import { createWebAdmission } from './web-admission.ts';

/** Options of {@link createWebChannel}. Every field but `server` is optional; defaults are in {@link defaultWebChannelOptions}. */
export interface WebChannelOptions {
  /** The HTTP server socket.io attaches to (at `/socket.io/`). */
  server: HttpServer;
  /** Key (at least 32 bytes) signing conversation tokens. Default: random per process, so conversations do not survive a restart; `parley start` keeps one in the data directory. */
  secret?: Uint8Array;
  /** Origins besides the serving one allowed to connect, e.g. `https://shop.example.com`; `*` allows all. Default none. */
  allowedOrigins?: readonly string[];
  /** How host pages' user tokens are verified. Default: none accepted (every user is anonymous). */
  userTokens?: UserTokenOptions;
  /** Name shown in the widget's header. */
  botName?: string;
  /** How long a conversation token is accepted, in milliseconds. Default 30 days. */
  conversationTtlMs?: number;
  /** Longest message text, in characters. Default `turnLimits.maxTextLength` (4000). */
  maxTextLength?: number;
  /** Largest socket.io packet, in bytes; a bigger one closes the connection. Default 32768. */
  maxMessageBytes?: number;
  /** Messages per conversation: `burst` at once, then `perMinute` (`false`: no limit). Default 10 and 30. */
  rateLimit?: RateLimitOptions | false;
  /** Messages per connection (`false`: no limit). Default 10 at once, then 30 a minute. */
  messagesPerConnection?: RateLimitOptions | false;
  /** Messages per client address, all its connections together (`false`: no limit). Default 60, then 600 a minute. */
  messagesPerAddress?: RateLimitOptions | false;
  /** New connections per client address (`false`: no limit). Default 30 at once, then 300 a minute. */
  connectsPerAddress?: RateLimitOptions | false;
  /** Connections open at once per client address. Default 100. */
  openSocketsPerAddress?: number;
  /** The client address of a request. Default: the peer's address (no proxy believed). */
  clientAddress?: ClientAddress;
  /** A long text delta is sent in pieces of this many words; 0 sends deltas as they come. Default 1. */
  streamChunkWords?: number;
  /** Pause between those pieces, in milliseconds. Default 20. */
  streamChunkDelayMs?: number;
  /** How long a dropped connection can be recovered with the messages it missed, in milliseconds. Default 120000. */
  recoveryWindowMs?: number;
  /** Transcript lines sent to a (re)connecting widget. Default 100. */
  historyLines?: number;
  /** Milliseconds a widget waits before sending a message again that the server could not store. Default 1000. */
  retryAfterMs?: number;
  /**
   * Redis shared by several nodes (`PARLEY_REDIS_URL`): socket.io then uses the Redis streams adapter, so a reply
   * reaches a widget connected to any node and a dropped connection recovers on any node. Default: none (one node).
   */
  redisUrl?: string;
  /** Announced in each `session` when the server takes spoken turns (the widget then shows its microphone). Default: none. */
  voice?: VoiceSessionInfo;
  /** Logger. Default: silent. */
  log?: Logger;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Conversation and anonymous user ids. Default `randomUUID`. */
  newId?: () => string;
  /** Waits between stream pieces. Default: `setTimeout`. */
  sleep?: (ms: number) => Promise<void>;
}

/** The defaults of {@link WebChannelOptions}. */
export const defaultWebChannelOptions = {
  botName: 'Assistant',
  conversationTtlMs: 30 * 24 * 60 * 60 * 1000,
  maxTextLength: turnLimits.maxTextLength,
  maxMessageBytes: 32_768,
  rateLimit: { burst: 10, perMinute: 30 } as RateLimitOptions | false,
  messagesPerConnection: defaultAbuseLimits.socketMessagesPerConnection,
  messagesPerAddress: defaultAbuseLimits.socketMessagesPerAddress,
  connectsPerAddress: defaultAbuseLimits.socketConnectsPerAddress,
  openSocketsPerAddress: defaultAbuseLimits.openSocketsPerAddress,
  streamChunkWords: 1,
  streamChunkDelayMs: 20,
  recoveryWindowMs: 120_000,
  historyLines: 100,
  retryAfterMs: 1000,
};

/** The web channel: socket.io for the browser widget. */
export interface WebChannel extends Channel {
  /** The socket.io server, once started. */
  readonly io:
    | SocketServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, WebIdentity>
    | undefined;
}

/** The part of an engine.io connection the admission count uses. */
interface EngineSocket {
  request: IncomingMessage;
  once(event: 'close', listener: () => void): void;
  close(): void;
}

type WebSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, WebIdentity>;

const forwarded = new Set<BotEvent['type']>(['text-delta', 'text-end', 'suggestions', 'card', 'handoff']);
const isWidgetEvent = (event: BotEvent): event is WidgetEvent => forwarded.has(event.type);
const roomOf = (conversationId: string) => `conversation:${conversationId}`;

/**
 * Creates the web channel. `start(bot)` attaches socket.io to `options.server`: each connection is checked
 * (origin, user token, conversation token), gets a `session` with its history, and sends `message`s that run as
 * turns; reply events stream back as `reply` parts, paced word by word, then `turn-end`. Short drops are
 * recovered with the missed parts (middlewares run again); a message id is processed once.
 *
 * @example
 * const server = createServer();
 * const web = createWebChannel({ server, secret, allowedOrigins: ['https://www.example.com'], botName: 'Acme' });
 * await web.start(bot);
 * server.listen(3000);
 */
export function createWebChannel(options: WebChannelOptions): WebChannel {
  const settings = { ...defaultWebChannelOptions, ...withoutUndefined(options) };
  const log = options.log ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const tokens = createConversationTokens({
    secret: options.secret ?? randomBytes(32),
    ttlMs: settings.conversationTtlMs,
    now,
  });
  const originPolicy = createOriginPolicy(options.allowedOrigins);
  const verifyUserToken = options.userTokens ? createUserTokenVerifier(options.userTokens, now) : undefined;
  const clientAddress = options.clientAddress ?? createClientAddress();
  const limits = createMessageLimits({
    perConversation: settings.rateLimit,
    perConnection: settings.messagesPerConnection,
    perAddress: settings.messagesPerAddress,
    now,
  });
  const admission = createWebAdmission({
    originPolicy,
    clientAddress,
    connectsPerAddress: settings.connectsPerAddress,
    openSocketsPerAddress: settings.openSocketsPerAddress,
    now,
  });
  const outbox = createConversationOutbox((error, conversationId) =>
    log.error({ err: error, conversationId }, 'sending a reply failed'),
  );
  // The bot hands one event object to every turn merged into a coalesced batch; it is sent once.
  const sent = new WeakSet<BotEvent>();
  let io: WebChannel['io'];
  let bot: TurnHandler | undefined;
  let redisAdapter: RedisSocketAdapter | undefined;

  const emitParts = async (
    conversationId: string,
    turnId: string,
    seq: number,
    event: BotEvent,
    paced: boolean,
  ) => {
    if (!isWidgetEvent(event) || !io) return;
    const room = io.to(roomOf(conversationId));
    if (event.type !== 'text-delta') {
      room.emit('reply', { turnId, key: `${seq}`, event });
      return;
    }
    const pieces = chunkText(event.delta, settings.streamChunkWords);
    for (const [i, delta] of pieces.entries()) {
      if (paced && i > 0) await sleep(settings.streamChunkDelayMs);
      room.emit('reply', { turnId, key: `${seq}.${i}`, event: { ...event, delta } });
    }
  };

  const runTurn = async (socket: WebSocket, message: OutgoingMessage, acknowledge: () => void) => {
    const { conversationId, user, locale } = socket.data;
    let seq = 0;
    const result = await bot!.handle(
      { id: message.id, conversationId, user, channel: 'web', text: message.text, locale, timestamp: now() },
      {
        // The widget forgets a message once acknowledged: only a stored turn is acknowledged.
        onAccepted: () => {
          acknowledge();
          socket.to(roomOf(conversationId)).emit('user-message', { turnId: message.id, text: message.text, at: now() });
        },
        onEvent: (event) => {
          const index = seq++;
          if (sent.has(event)) return;
          sent.add(event);
          void outbox.run(conversationId, () => emitParts(conversationId, message.id, index, event, true));
        },
      },
    );
    // A retried id: send the first run's reply again under the same keys; clients drop parts they have.
    if (result.status === 'duplicate') {
      for (const [index, event] of result.events.entries())
        void outbox.run(conversationId, () => emitParts(conversationId, message.id, index, event, false));
    }
    await outbox.run(conversationId, () => {
      io?.to(roomOf(conversationId)).emit('turn-end', { turnId: message.id, status: result.status });
    });
  };

  const onMessage = (
    socket: WebSocket,
    message: unknown,
    ack: ((result: MessageAck) => void) | undefined,
  ) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    try {
      const checked = checkMessage(message, settings.maxTextLength);
      const decision = limits.take({
        conversationId: socket.data.conversationId,
        connectionId: socket.id,
        address: clientAddress(socket.request),
      });
      if (!decision.ok) {
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        throw new WebChannelError(
          'rate_limited',
          `too many messages; try again in ${seconds} s`,
          decision.retryAfterMs,
        );
      }
      const { conversationId } = socket.data;
      let acknowledged = false;
      runTurn(socket, checked, () => {
        acknowledged = true;
        reply({ ok: true });
      }).catch((error: unknown) => {
        const retryable = isRetryableTurnError(error);
        log.error({ err: error, conversationId, turnId: checked.id, acknowledged }, 'web turn failed');
        const wire = retryable
          ? new WebChannelError('unavailable', 'the message could not be stored; it is sent again', settings.retryAfterMs).toWire(checked.id)
          : undefined;
        if (!acknowledged) {
          reply(wire ? { ok: false, error: wire } : { ok: false, error: new WebChannelError('invalid_message', 'the message failed').toWire(checked.id) });
          return;
        }
        if (wire) socket.emit('error', wire);
        void outbox.run(conversationId, () => {
          io?.to(roomOf(conversationId)).emit('turn-end', { turnId: checked.id, status: 'failed' });
        });
      });
    } catch (error) {
      if (!(error instanceof WebChannelError)) {
        log.error({ err: error, conversationId: socket.data.conversationId }, 'handling a web message failed');
        return;
      }
      const turnId =
        typeof (message as { id?: unknown })?.id === 'string' ? (message as { id: string }).id : undefined;
      const wire = error.toWire(turnId);
      log[error.code === 'rate_limited' ? 'debug' : 'info']({ conversationId: socket.data.conversationId, code: error.code }, 'web message refused');
      socket.emit('error', wire);
      reply({ ok: false, error: wire });
    }
  };

  const sendSession = async (socket: WebSocket) => {
    const { conversationId, user, resumed } = socket.data;
    const { token, expiresAt } = tokens.sign({ conversationId, userId: user.id, verified: user.verified });
    const history = resumed ? await bot!.recentHistory(conversationId, settings.historyLines) : [];
    socket.emit('session', {
      conversationId,
      conversationToken: token,
      expiresAt,
      resumed,
      user: { verified: user.verified, ...(user.name ? { name: user.name } : {}) },
      bot: { name: settings.botName },
      history: history.map((h) => ({ role: h.role, text: h.text, turnId: h.turnId, at: h.at })),
      limits: { maxTextLength: settings.maxTextLength },
      ...(options.voice ? { voice: options.voice } : {}),
    });
  };

  const onConnection = (socket: WebSocket) => {
    const room = roomOf(socket.data.conversationId);
    // A recovered socket keeps its old rooms; the token it presented now may name another conversation.
    for (const joined of socket.rooms)
      if (joined.startsWith('conversation:') && joined !== room) void socket.leave(joined);
    void socket.join(room);
    log.debug(
      {
        conversationId: socket.data.conversationId,
        recovered: socket.recovered,
        verified: socket.data.user.verified,
      },
      'web client connected',
    );
    if (!socket.recovered) {
      sendSession(socket).catch((error: unknown) => {
        log.error({ err: error, conversationId: socket.data.conversationId }, 'sending the session failed');
        socket.disconnect(true);
      });
    }
    socket.on('message', (message, ack) => onMessage(socket, message, ack));
  };

  return {
    name: 'web',
    get io() {
      return io;
    },
    async start(startedBot) {
      if (io) throw new Error('the web channel is already started');
      bot = startedBot;
      redisAdapter = options.redisUrl ? createRedisSocketAdapter(options.redisUrl, log) : undefined;
      io = new SocketServer(options.server, {
        ...(redisAdapter ? { adapter: redisAdapter.adapter } : {}),
        serveClient: false,
        maxHttpBufferSize: settings.maxMessageBytes,
        connectionStateRecovery: {
          maxDisconnectionDuration: settings.recoveryWindowMs,
          skipMiddlewares: false,
        },
        allowRequest: (req, callback) => {
          const allowed = originPolicy(req.headers.origin, req.headers.host);
          if (!allowed)
            log.info({ origin: req.headers.origin }, 'web connection from a foreign origin refused');
          callback(allowed ? null : 'origin not allowed', allowed);
        },
        cors: {
          origin: (origin, callback) =>
            callback(null, origin !== undefined && originPolicy(origin, undefined)),
        },
      });
      const engine = io.engine;
      installAdmissionGate(options.server, '/socket.io/', admission.admit, (req, refusal) => {
        // A flood of connections over the limits is answered, not logged line by line.
        log[refusal.status === 429 ? 'debug' : 'info']({ origin: req.headers.origin, code: refusal.code }, 'web connection refused');
        // Observers of engine.io's own refusals keep hearing of them: code 4 is engine.io's "Forbidden".
        if (refusal.status === 403)
          engine.emit('connection_error', { req, code: 4, message: refusal.message, context: { message: refusal.message } });
      });
      io.engine.on('connection', (engineSocket: EngineSocket) => {
        if (!admission.open(engineSocket.request, (release) => engineSocket.once('close', release))) engineSocket.close();
      });
      // Polling answers carry the same headers as the JSON API: never sniffed, never cached.
      const noStore = (headers: Record<string, string>) => {
        headers['x-content-type-options'] = 'nosniff';
        headers['cache-control'] = 'no-store';
      };
      io.engine.on('initial_headers', noStore);
      io.engine.on('headers', noStore);
      io.use((socket, next) => {
        const input = {
          headers: socket.handshake.headers,
          auth: socket.handshake.auth,
          ...(socket.recovered ? { recovered: socket.data } : {}),
        };
        authenticateHandshake(input, { tokens, originPolicy, verifyUserToken, newId })
          .then((identity) => {
            socket.data = identity;
            next();
          })
          .catch((error: unknown) => {
            if (!(error instanceof WebChannelError)) {
              log.error({ err: error }, 'web handshake failed');
              next(new Error('the server could not check this connection'));
              return;
            }
            log.info({ code: error.code }, 'web connection refused');
            next(Object.assign(new Error(error.message), { data: error.toWire() }));
          });
      });
      io.on('connection', onConnection);
    },
    async stop() {
      if (!io) return;
      const server = io;
      io = undefined;
      server.local.disconnectSockets(true);
      server.engine.close();
      await outbox.drain();
      if (redisAdapter) {
        // Stops the adapter's stream readers before their connection closes.
        await server.of('/').adapter.close();
        await redisAdapter.close();
      }
    },
    async send(reference: ConversationReference, events: readonly BotEvent[]) {
      const turnId = `push:${newId()}`;
      for (const [index, event] of events.entries())
        void outbox.run(reference.conversationId, () =>
          emitParts(reference.conversationId, turnId, index, event, true),
        );
      await outbox.run(reference.conversationId, () => {
        io?.to(roomOf(reference.conversationId)).emit('turn-end', { turnId, status: 'completed' });
      });
    },
  };
}

function checkMessage(message: unknown, maxTextLength: number): OutgoingMessage {
  const m = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
  if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > turnLimits.maxIdLength) {
    throw new WebChannelError(
      'invalid_message',
      `a message needs an "id" of 1 to ${turnLimits.maxIdLength} characters`,
    );
  }
  if (typeof m.text !== 'string' || m.text.trim().length === 0)
    throw new WebChannelError('invalid_message', 'a message needs some "text"');
  if (hasLoneSurrogate(m.id) || hasLoneSurrogate(m.text))
    throw new WebChannelError('invalid_message', 'the message "id" and "text" must be well-formed Unicode');
  if (m.text.length > maxTextLength) {
    throw new WebChannelError(
      'message_too_long',
      `the message is ${m.text.length} characters (UTF-16 code units) long; the limit is ${maxTextLength}`,
    );
  }
  return { id: m.id, text: m.text };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
