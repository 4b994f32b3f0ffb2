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
} from './widget-options.ts';
export { createWidgetStorage, type WidgetStorage } from './widget-storage.ts';
