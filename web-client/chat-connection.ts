import { io } from 'socket.io-client';
import type {
  EchoedMessage,
  HandshakeAuth,
  OutgoingMessage,
  ReplyPart,
  SessionInfo,
  TurnEnd,
  WebError,
} from '../channels/web/protocol.ts';
import type { VoiceSocket } from './voice/voice-socket.ts';
import type { WidgetStorage } from './widget-storage.ts';

/** Connection states the widget shows. */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting';

/** What the connection tells the view. */
export interface ChatConnectionHandlers {
  session(session: SessionInfo): void;
  /** Each reply part once, in order. */
  reply(part: ReplyPart): void;
  turnEnd(end: TurnEnd): void;
  userEcho(message: EchoedMessage): void;
  /** A message the server accepted (`ok`) or refused. */
  delivered(id: string, error?: WebError): void;
  error(error: WebError): void;
  status(status: ConnectionStatus): void;
}

/** Options of {@link createChatConnection}. */
export interface ChatConnectionOptions {
  server: string;
  storage: WidgetStorage;
  userToken: (() => string | undefined | Promise<string | undefined>) | undefined;
  locale: string;
  handlers: ChatConnectionHandlers;
  /** Milliseconds to wait for the server to acknowledge a message before sending it again on the next connection. */
  ackTimeoutMs?: number;
}

/** The widget's side of the web channel. */
export interface ChatConnection {
  /** Sends a message and returns its id; it is sent again after a reconnection until the server acknowledges it. */
  send(text: string): string;
  /** Forgets the conversation and starts a new one. */
  restart(): void;
  close(): void;
  /** The socket, for the voice events of the same connection. */
  readonly socket: VoiceSocket;
}

/** A random id; `crypto.randomUUID` needs a secure context, `getRandomValues` does not. */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Connects to the web channel with socket.io: presents the stored conversation token (and the user token),
 * keeps the token from each `session`, starts a new conversation when the server refuses the token, resends
 * unacknowledged messages after a reconnection (the server runs an id once) and drops reply parts it has already
 * shown. Reconnects by itself, also after the server went away.
 */
export function createChatConnection(options: ChatConnectionOptions): ChatConnection {
  const { storage, handlers } = options;
  const url = new URL(options.server, location.href);
  const tokenKey = `parley:${url.origin}${url.pathname}:conversation`;
  const pending = new Map<string, OutgoingMessage>();
  const seen = new Set<string>();
  let userTokenRefused = false;
  let ready = false;
  let closed = false;

  const socket: VoiceSocket = io(url.origin, {
    path: `${url.pathname.replace(/\/$/, '')}/socket.io/`,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelayMax: 10_000,
    autoConnect: false,
    auth: (callback) => {
      const auth: HandshakeAuth = { locale: options.locale };
      const conversationToken = storage.get(tokenKey);
      if (conversationToken) auth.conversationToken = conversationToken;
      Promise.resolve(userTokenRefused ? undefined : options.userToken?.())
        .catch(() => undefined)
        .then((userToken) => callback(userToken ? { ...auth, userToken } : { ...auth }));
    },
  });

  const transmit = (message: OutgoingMessage) => {
    socket.timeout(options.ackTimeoutMs ?? 15_000).emit('message', message, (err, ack) => {
      // No answer: the message stays pending and goes again with the next connection.
      if (err || !pending.has(message.id)) return;
      if (!ack.ok && ack.error.code === 'unavailable') {
        // Not stored: the same id goes again, so the server still runs it once.
        setTimeout(() => {
          if (pending.has(message.id) && socket.connected) transmit(message);
        }, ack.error.retryAfterMs ?? 1000);
        return;
      }
      pending.delete(message.id);
      handlers.delivered(message.id, ack.ok ? undefined : ack.error);
    });
  };
  const flush = () => {
    ready = true;
    for (const message of pending.values()) transmit(message);
  };

  socket.on('connect', () => {
    handlers.status('online');
    // A recovered connection gets no new session; what it missed is replayed by the server.
    if (socket.recovered) flush();
  });
  socket.on('session', (session) => {
    storage.set(tokenKey, session.conversationToken);
    handlers.session(session);
    flush();
  });
  socket.on('reply', (part) => {
    const key = `${part.turnId}/${part.key}`;
    if (seen.has(key)) return;
    seen.add(key);
    handlers.reply(part);
  });
  socket.on('turn-end', (end) => handlers.turnEnd(end));
  socket.on('user-message', (message) => handlers.userEcho(message));
  socket.on('error', (error) => handlers.error(error));
  socket.on('disconnect', (reason) => {
    ready = false;
    if (closed) return;
    handlers.status('reconnecting');
    // The server hung up on purpose (e.g. it is restarting): socket.io does not retry that by itself.
    if (reason === 'io server disconnect') setTimeout(() => !closed && socket.connect(), 1500);
  });
  socket.on('connect_error', (error: Error & { data?: WebError }) => {
    const code = error.data?.code;
    if (code === 'invalid_conversation_token') {
      storage.remove(tokenKey);
      socket.connect();
    } else if (code === 'invalid_user_token' && !userTokenRefused) {
      userTokenRefused = true;
      handlers.error(error.data!);
      socket.connect();
    } else {
      handlers.status(socket.active ? 'reconnecting' : 'connecting');
      if (!socket.active && code !== 'origin_not_allowed')
        setTimeout(() => !closed && socket.connect(), 3000);
    }
  });

  handlers.status('connecting');
  socket.connect();

  return {
    socket,
    send(text) {
      const message = { id: randomId(), text };
      pending.set(message.id, message);
      if (ready && socket.connected) transmit(message);
      return message.id;
    },
    restart() {
      storage.remove(tokenKey);
      seen.clear();
      socket.disconnect().connect();
    },
    close() {
      closed = true;
      socket.disconnect();
    },
  };
}
