export {
  BotFrameworkAuthError,
  type BotFrameworkChannel,
  type BotFrameworkChannelOptions,
  type BotFrameworkClaims,
  type BotFrameworkIdentity,
  type BotFrameworkTokenVerifier,
  type BotFrameworkTokenVerifierOptions,
  botFrameworkChannelName,
  botFrameworkConversationIdOf,
  botFrameworkEnvironment,
  botFrameworkIssuer,
  botFrameworkMessagesPath,
  botFrameworkOpenIdMetadataUrl,
  createBotFrameworkChannel,
  createBotFrameworkTokenVerifier,
  defaultBotFrameworkChannelOptions,
  defaultBotFrameworkTokenVerifierOptions,
  type MicrosoftAppType,
  readBotFrameworkEnvironment,
} from './botframework/index.ts';
export {
  createSlackChannel,
  createSlackWebApi,
  defaultSlackChannelOptions,
  defaultSlackWebApiOptions,
  readSlackEnvironment,
  SlackApiError,
  SlackAuthError,
  type SlackChannel,
  type SlackChannelOptions,
  type SlackMessage,
  type SlackSignatureOptions,
  type SlackSignedRequest,
  type SlackWebApi,
  type SlackWebApiOptions,
  slackApiUrl,
  slackChannelName,
  slackEnvironment,
  slackPaths,
  verifySlackSignature,
} from './slack/index.ts';
export { type EvalLine, type EvalReport, evaluateBot, parseEvalLines } from './cli/evaluate-bot.ts';
export { createTerminalChannel, runTerminalChat, type TerminalChannel, type TerminalChannelOptions, type TerminalChatOptions } from './cli/terminal-chat.ts';
export {
  createParleyServer,
  type ParleyServer,
  type ParleyServerOptions,
} from './http/create-parley-server.ts';
export { defaultVoiceLimits, type VoiceLimits } from './voice/voice-limits.ts';
export { defaultVoiceMessages, type VoiceMessages } from './voice/voice-messages.ts';
export type { VoiceOptions } from './voice/voice-options.ts';
export {
  type AbuseLimits,
  abuseLimitsEnvironment,
  defaultAbuseLimits,
  readAbuseLimitsEnvironment,
} from './http/abuse-limits.ts';
export { type ApiKeyCheck, createApiKeyCheck } from './http/api-key-check.ts';
export { type ClientAddress, createClientAddress, readTrustedProxies, trustProxyEnvironment } from './http/client-address.ts';
export { HttpError } from './http/http-error.ts';
export { type ApiKeys, apiKeysEnvironment, type LoadApiKeysOptions, loadApiKeys } from './http/load-api-keys.ts';
export {
  createRestChannel,
  defaultRestChannelOptions,
  type RestChannel,
  type RestChannelOptions,
} from './http/rest-channel.ts';
export {
  type ClientToServerEvents,
  createDemoPageHandler,
  createVoiceAssetHandler,
  createWebChannel,
  createWidgetAssetHandler,
  type DemoPageOptions,
  defaultWebChannelOptions,
  type EchoedMessage,
  type HandshakeAuth,
  type LoadWebSecretOptions,
  loadWebSecret,
  type MessageAck,
  type OutgoingMessage,
  type RateLimitOptions,
  type ReplyPart,
  readWebEnvironment,
  type ServerToClientEvents,
  type SessionInfo,
  type VoiceSessionInfo,
  secretsFileName,
  type TurnEnd,
  type UserTokenOptions,
  type WebChannel,
  WebChannelError,
  type WebChannelOptions,
  type WebEnvironmentSettings,
  type WebError,
  type WebErrorCode,
  type WebTranscriptLine,
  type WidgetEvent,
  webEnvironment,
  widgetBundlePath,
} from './web/index.ts';
