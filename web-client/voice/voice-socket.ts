import type { Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  VoiceClientEvents,
  VoiceServerEvents,
} from '../../channels/web/protocol.ts';

/** The widget's socket.io connection with the voice events of the web channel's protocol. */
export type VoiceSocket = Socket<ServerToClientEvents & VoiceServerEvents, ClientToServerEvents & VoiceClientEvents>;
