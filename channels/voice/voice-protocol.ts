/**
 * The voice events of the widget's socket.io connection. They live in the web channel's protocol
 * (`channels/web/protocol.ts`), which the browser widget may import; this module names them for the server side.
 */
export type {
  AwaitedSpeech,
  VoiceAck,
  VoiceAudio,
  VoiceChunk,
  VoiceClientEvents,
  VoiceDone,
  VoiceEnd,
  VoiceError,
  VoiceErrorCode,
  VoiceInterrupt,
  VoiceServerEvents,
  VoiceStart,
  VoiceTranscript,
} from '../web/protocol.ts';
