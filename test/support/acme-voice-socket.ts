import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { createParleyServer, type ParleyServer } from '../../channels/http/create-parley-server.ts';
import type { VoiceOptions } from '../../channels/voice/voice-options.ts';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../core/stores/memory-store.ts';
import { loadAcme } from './load-acme.ts';

/** The Acme bot served with voice on, and a widget socket connected to it. */
export interface AcmeVoiceSocket {
  acme: LoadedBot;
  server: ParleyServer;
  socket: Socket;
  close(): Promise<void>;
}

/**
 * Serves the Acme bot (memory store, no documents) with voice on — `voice` on top of the store it shares with the bot,
 * so what the bot awaits shapes recognition — and connects a real socket.io client over WebSocket.
 */
export async function startAcmeVoiceSocket(voice: Omit<VoiceOptions, 'store'> = {}): Promise<AcmeVoiceSocket> {
  const store = createMemoryStore();
  const acme = await loadAcme({ knowledge: false, conversationStore: store });
  const server = createParleyServer({ bot: acme.bot, botName: 'Acme', log: pino({ level: 'silent' }), voice: { ...voice, store } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = io(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise((resolve, reject) => {
    socket.once('session', resolve);
    socket.once('connect_error', reject);
  });
  return {
    acme,
    server,
    socket,
    async close() {
      socket.close();
      await server.web?.stop();
      await new Promise((resolve) => server.close(resolve));
      await acme.bot.close();
    },
  };
}
