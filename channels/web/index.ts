export {
  type ConversationClaims,
  type ConversationTokens,
  createConversationTokens,
} from './conversation-token.ts';
export { createDemoPageHandler, type DemoPageOptions, renderDemoPage } from './demo-page.ts';
export { createOriginPolicy, normalizeOrigin, type OriginPolicy } from './origin-policy.ts';
export type {
  ClientToServerEvents,
  EchoedMessage,
  HandshakeAuth,
  MessageAck,
  OutgoingMessage,
  ReplyPart,
  ServerToClientEvents,
  SessionInfo,
  TranscriptLine,
  TurnEnd,
  WebError,
  WebErrorCode,
  WidgetEvent,
} from './protocol.ts';
export { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limiter.ts';
export {
  createUserTokenVerifier,
  type UserTokenOptions,
  type UserTokenVerifier,
} from './user-token-verifier.ts';
export {
  createWebChannel,
  defaultWebChannelOptions,
  type WebChannel,
  type WebChannelOptions,
} from './web-channel.ts';
export { WebChannelError } from './web-channel-error.ts';
export { readWebEnvironment, type WebEnvironmentSettings, webEnvironment } from './web-environment.ts';
export { loadWebSecret, type LoadWebSecretOptions, secretsFileName } from './web-secrets.ts';
export { createWidgetAssetHandler, widgetBundlePath } from './widget-assets.ts';
