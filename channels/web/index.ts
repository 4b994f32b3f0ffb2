export { createDemoPageHandler, type DemoPageOptions } from './demo-page.ts';
export type {
  ClientToServerEvents,
  EchoedMessage,
  HandshakeAuth,
  MessageAck,
  OutgoingMessage,
  ReplyPart,
  ServerToClientEvents,
  SessionInfo,
  TranscriptLine as WebTranscriptLine,
  VoiceSessionInfo,
  TurnEnd,
  WebError,
  WebErrorCode,
  WidgetEvent,
} from './protocol.ts';
export type { RateLimitOptions } from './rate-limiter.ts';
export type { UserTokenOptions } from './user-token-verifier.ts';
export {
  createWebChannel,
  defaultWebChannelOptions,
  type WebChannel,
  type WebChannelOptions,
} from './web-channel.ts';
export { createVoiceAssetHandler, voiceAssetPrefix, voiceBundlePath } from './voice-assets.ts';
export { WebChannelError } from './web-channel-error.ts';
export { readWebEnvironment, type WebEnvironmentSettings, webEnvironment } from './web-environment.ts';
export { type LoadWebSecretOptions, loadWebSecret, secretsFileName } from './web-secrets.ts';
export { createWidgetAssetHandler, widgetBundlePath } from './widget-assets.ts';
