export { evaluateBot, type EvalLine, type EvalReport, parseEvalLines } from './cli/evaluate-bot.ts';
export { runTerminalChat, type TerminalChatOptions } from './cli/terminal-chat.ts';
export { createParleyServer, type ParleyServer, type ParleyServerOptions } from './http/create-parley-server.ts';
export { HttpError } from './http/http-error.ts';
export { createRestHandler, type RestHandlerOptions } from './http/rest-channel.ts';
export * from './web/index.ts';
