export { botFrameworkChannelName, conversationIdOf as botFrameworkConversationIdOf } from './activity-to-turn.ts';
export { BotFrameworkAuthError } from './bot-framework-auth-error.ts';
export type { BotFrameworkIdentity, MicrosoftAppType } from './bot-framework-auth-settings.ts';
export {
  type BotFrameworkChannel,
  type BotFrameworkChannelOptions,
  botFrameworkMessagesPath,
  createBotFrameworkChannel,
  defaultBotFrameworkChannelOptions,
} from './bot-framework-channel.ts';
export { botFrameworkEnvironment, readBotFrameworkEnvironment } from './bot-framework-environment.ts';
export {
  type BotFrameworkClaims,
  type BotFrameworkTokenVerifier,
  type BotFrameworkTokenVerifierOptions,
  botFrameworkIssuer,
  botFrameworkOpenIdMetadataUrl,
  createBotFrameworkTokenVerifier,
  defaultBotFrameworkTokenVerifierOptions,
} from './bot-framework-token-verifier.ts';
