export { BotReplyText } from './bot-reply-text.ts';
export { botModelId } from './bot-model-id.ts';
export { conversationHeader } from './complete-with-bot.ts';
export {
  createOpenAIEndpoint,
  defaultOpenAIEndpointOptions,
  type OpenAIEndpoint,
  type OpenAIEndpointOptions,
} from './create-openai-endpoint.ts';
export { OpenAIHttpError } from './openai-http-error.ts';
