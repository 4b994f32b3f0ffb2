export { SlackApiError } from './slack-api-error.ts';
export { SlackAuthError } from './slack-auth-error.ts';
export { createSlackChannel, defaultSlackChannelOptions, type SlackChannel, type SlackChannelOptions, slackPaths } from './slack-channel.ts';
export { readSlackEnvironment, slackEnvironment } from './slack-environment.ts';
export { slackChannelName } from './slack-event-to-turn.ts';
export { createSlackWebApi, defaultSlackWebApiOptions, type SlackMessage, type SlackWebApi, type SlackWebApiOptions, slackApiUrl } from './slack-web-api.ts';
export { type SlackSignatureOptions, type SlackSignedRequest, verifySlackSignature } from './verify-slack-signature.ts';
