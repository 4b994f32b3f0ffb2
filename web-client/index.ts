export type {
  ChatConnection,
  ChatConnectionHandlers,
  ChatConnectionOptions,
  ConnectionStatus,
} from './chat-connection.ts';
export { createChatConnection, randomId } from './chat-connection.ts';
export { type ChatView, type ChatViewOptions, createChatView, type UserMessageState } from './chat-view.ts';
export {
  type MarkdownBlock,
  type MarkdownInline,
  parseInline,
  parseMarkdown,
  safeHref,
} from './markdown/parse-markdown.ts';
export { renderMarkdown } from './markdown/render-markdown.ts';
export { mountWidget, type WidgetHandle } from './mount-widget.ts';
export {
  defaultWidgetOptions,
  optionsFromScript,
  type WidgetOptions,
  type WidgetTheme,
  type WidgetVoiceOptions,
} from './widget-options.ts';
export { createVoiceControl, type VoiceControl, type VoiceControlOptions } from './voice-control.ts';
export { createEchoGuard, defaultEchoGuardOptions, type EchoGuard, type EchoGuardOptions, type EchoJudgement } from './voice/echo-guard.ts';
export { type AwaitedSpeech, type EndOfTurnSettings, endOfTurnSettings } from './voice/end-of-turn.ts';
export { dispatchVoiceEvent, type VoiceErrorReason, type VoiceEventMap, type VoiceState } from './voice/voice-events.ts';
export type { VoiceSession, VoiceSessionOptions } from './voice/voice-session.ts';
export type { VoiceSocket } from './voice/voice-socket.ts';
export { createWidgetStorage, type WidgetStorage } from './widget-storage.ts';
