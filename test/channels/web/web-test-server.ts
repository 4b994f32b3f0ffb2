import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import {
  createParleyServer,
  type ParleyServer,
  type ParleyServerOptions,
} from '../../../channels/http/create-parley-server.ts';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  MessageAck,
  ReplyPart,
  ServerToClientEvents,
  SessionInfo,
  TurnEnd,
  WebError,
} from '../../../channels/web/protocol.ts';
import type { Bot } from '../../../core/create-bot.ts';

/** A parley server on a free loopback port. */
export interface TestServer {
  server: ParleyServer;
  url: string;
  close(): Promise<void>;
}

/** Starts `createParleyServer` for `bot` on 127.0.0.1, port 0. */
export async function startTestServer(
  bot: Bot,
  web: ParleyServerOptions['web'] = {},
  now?: () => number,
): Promise<TestServer> {
  const server = createParleyServer({
    bot,
    botName: 'Acme store assistant',
    log: pino({ level: 'silent' }),
    web,
    ...(now ? { now } : {}),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    async close() {
      await server.web?.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What one message brought back. */
export interface TurnOutcome {
  ack: MessageAck;
  parts: ReplyPart[];
  end: TurnEnd | undefined;
  /** The final texts (`text-end`) in order. */
  texts: string[];
}

/** A real socket.io client of the web channel. */
export interface TestClient {
  socket: TestSocket;
  session: SessionInfo;
  /** Sends a message and resolves once its `turn-end` came (or at once when it was refused). */
  say(text: string, id?: string): Promise<TurnOutcome>;
  close(): void;
}

let ids = 0;

/** Connects and waits for the session; rejects with the server's `WebError` when the connection is refused. */
export function connectClient(
  url: string,
  options: {
    auth?: HandshakeAuth;
    headers?: Record<string, string>;
    transports?: Array<'polling' | 'websocket'>;
  } = {},
): Promise<TestClient> {
  const socket: TestSocket = io(url, {
    auth: options.auth ?? {},
    transports: options.transports ?? ['websocket'],
    extraHeaders: options.headers ?? {},
    reconnection: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('session', (session) => resolve(client(socket, session)));
    socket.once('connect_error', (error: Error & { data?: WebError }) => {
      socket.close();
      reject(Object.assign(error, { code: error.data?.code ?? 'transport_error' }));
    });
  });
}

function client(socket: TestSocket, session: SessionInfo): TestClient {
  return {
    socket,
    session,
    say(text, id = `m${++ids}-${Date.now()}`) {
      const parts: ReplyPart[] = [];
      return new Promise((resolve) => {
        let ack: MessageAck | undefined;
        const onReply = (part: ReplyPart) => {
          if (part.turnId === id) parts.push(part);
        };
        const onEnd = (end: TurnEnd) => {
          if (end.turnId !== id) return;
          socket.off('reply', onReply);
          socket.off('turn-end', onEnd);
          resolve({ ack: ack!, parts, end, texts: textsOf(parts) });
        };
        socket.on('reply', onReply);
        socket.on('turn-end', onEnd);
        socket.emit('message', { id, text }, (result) => {
          ack = result;
          if (!result.ok) {
            socket.off('reply', onReply);
            socket.off('turn-end', onEnd);
            resolve({ ack: result, parts, end: undefined, texts: [] });
          }
        });
      });
    },
    close: () => socket.close(),
  };
}

/** The final texts of reply parts, in order. */
export function textsOf(parts: readonly ReplyPart[]): string[] {
  return parts.flatMap((p) => (p.event.type === 'text-end' ? [p.event.text] : []));
}
