import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  MessageAck,
  ReplyPart,
  ServerToClientEvents,
  SessionInfo,
  TurnEnd,
} from '../../channels/web/protocol.ts';

/** A socket.io connection to the web channel, as the widget opens one. */
export interface WidgetConnection {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** The `session` event this connection got. */
  session: SessionInfo;
  /** Reply parts received so far, all turns. */
  parts: ReplyPart[];
  /** `turn-end` events received so far. */
  ends: TurnEnd[];
  /** Sends a message and resolves with the server's acknowledgement (rejects after `timeoutMs`). */
  send(id: string, text: string, timeoutMs?: number): Promise<MessageAck>;
  close(): void;
}

/**
 * Connects to the web channel over WebSocket with the page's `Origin` (the server's own, as the demo page
 * would) and resolves with the `session` event; rejects with the refusal when the server refuses the connection.
 * No automatic reconnection: after a restart, connect again with the session's `conversationToken`.
 */
export function connectWidget(
  url: string,
  auth: HandshakeAuth = {},
  timeoutMs = 10_000,
): Promise<WidgetConnection> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth,
    transports: ['websocket'],
    extraHeaders: { origin: new URL(url).origin },
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  const parts: ReplyPart[] = [];
  const ends: TurnEnd[] = [];
  socket.on('reply', (part) => parts.push(part));
  socket.on('turn-end', (end) => ends.push(end));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no session from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('session', (session) => {
      clearTimeout(timer);
      resolve({
        socket,
        session,
        parts,
        ends,
        send(id, text, sendTimeoutMs = 10_000) {
          return new Promise((resolveAck, rejectAck) => {
            const ackTimer = setTimeout(
              () => rejectAck(new Error(`message ${id} not acknowledged within ${sendTimeoutMs} ms`)),
              sendTimeoutMs,
            );
            socket.emit('message', { id, text }, (ack) => {
              clearTimeout(ackTimer);
              resolveAck(ack);
            });
          });
        },
        close: () => socket.close(),
      });
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}
