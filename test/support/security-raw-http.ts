import { connect, type Socket } from 'node:net';

/** A raw TCP connection to a test server, for requests no HTTP client would send (slow, cut off, malformed). */
export interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves when the server closed the connection, with the milliseconds since it was opened. */
  closed: Promise<number>;
}

/** Opens a raw connection to 127.0.0.1:`port`. */
export function openRaw(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  const opened = Date.now();
  let text = '';
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
  });
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the connection did not open within 5 s'));
    }, 5000);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({ socket, received: () => text, closed });
    });
  });
}

/** The status code of the first response in raw HTTP text, or undefined. */
export const statusOf = (text: string): number | undefined => {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return match ? Number(match[1]) : undefined;
};

/** Sends `data` one byte at a time, `intervalMs` apart, until the socket closes or the data ends. */
export async function trickle(socket: Socket, data: string, intervalMs: number): Promise<void> {
  for (const char of data) {
    if (socket.destroyed || socket.writableEnded) return;
    socket.write(char);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
