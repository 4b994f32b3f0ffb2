import type { ReplyPart, SessionInfo, WebError } from '../channels/web/protocol.ts';
import { type ChatConnection, createChatConnection, randomId } from './chat-connection.ts';
import { createChatView } from './chat-view.ts';
import { createVoiceControl, type VoiceControl } from './voice-control.ts';
import { defaultWidgetOptions, type WidgetOptions, type WidgetTheme } from './widget-options.ts';
import { createWidgetStorage } from './widget-storage.ts';

/** A mounted widget. */
export interface WidgetHandle {
  open(): void;
  close(): void;
  /** Sends a message as if the user typed it. */
  send(text: string): void;
  /** Forgets the conversation (its token) and starts a new one. */
  restart(): void;
  /** Disconnects and removes the widget from the page. */
  destroy(): void;
}

const problems: Partial<Record<WebError['code'], string>> = {
  rate_limited: "You're sending messages faster than I can read them. Please wait a moment and try again.",
  message_too_long: 'That message is too long. Please shorten it and send it again.',
  invalid_user_token: "Your sign-in couldn't be verified, so you're chatting as a guest.",
};

const cssName = (key: string) => `--parley-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Mounts the chat widget: a `<parley-widget>` element with an open shadow root, at the end of `container`.
 *
 * @example
 * ParleyWidget.mount({ server: 'https://chat.example.com', userToken: () => fetch('/chat-token').then((r) => r.text()),
 *   theme: { accent: '#0a7d4f' } });
 */
export function mountWidget(options: WidgetOptions): WidgetHandle {
  const settings = { ...defaultWidgetOptions, ...options };
  const host = document.createElement('parley-widget');
  host.setAttribute('data-position', settings.position);
  for (const [key, value] of Object.entries(settings.theme ?? {}) as Array<[keyof WidgetTheme, string]>)
    host.style.setProperty(cssName(key), value);
  (settings.container ?? document.body).appendChild(host);

  const uiState = createWidgetStorage('session');
  const openKey = `parley:${settings.server}:open`;
  let connection: ChatConnection | undefined;
  let conversationId: string | undefined;
  let waiting = new Set<string>();
  let offlineTimer: ReturnType<typeof setTimeout> | undefined;

  const view = createChatView({
    host,
    title: settings.title ?? 'Chat',
    subtitle: settings.subtitle,
    placeholder: settings.placeholder,
    onSend: (text) => sendText(text),
    onToggle: (open) => uiState.set(openKey, open ? '1' : '0'),
  });

  const voice: VoiceControl | undefined =
    settings.voice === false
      ? undefined
      : createVoiceControl({
          view,
          host,
          socket: () => connection?.socket,
          assetBase: new URL('parley-voice/', new URL(settings.server.replace(/\/?$/, '/'), location.href)).href,
          settings: settings.voice ?? {},
          newId: randomId,
          onTranscript(id, text) {
            if (!view.hasTurn(id)) view.addUserMessage(id, text, 'sent');
          },
          onUtterance(id) {
            waiting.add(id);
            view.setTyping(true);
          },
        });

  const sendText = (text: string) => {
    if (!connection || !text.trim()) return;
    const id = connection.send(text);
    view.addUserMessage(id, text, 'sending');
    waiting.add(id);
    view.setTyping(true);
  };

  const showSession = (session: SessionInfo) => {
    view.setMaxLength(session.limits.maxTextLength);
    voice?.offer(session.voice);
    if (!settings.title) view.setTitle(session.bot.name);
    const missing = session.history.some((line) => !view.hasTurn(line.turnId));
    if (session.conversationId === conversationId && !missing) return;
    conversationId = session.conversationId;
    waiting = new Set();
    view.setTyping(false);
    view.clear();
    if (settings.welcome) view.addBotMessage(settings.welcome);
    for (const line of session.history) {
      if (line.role === 'user') view.addUserMessage(line.turnId, line.text, 'sent');
      else view.addBotMessage(line.text, line.turnId);
    }
  };

  const showReply = ({ turnId, event }: ReplyPart) => {
    if (event.type === 'text-delta') {
      view.setTyping(false);
      view.appendBotDelta(event.messageId, turnId, event.delta);
    } else if (event.type === 'text-end') view.endBotMessage(event.messageId, turnId, event.text);
    else if (event.type === 'suggestions') view.showSuggestions(event.suggestions);
    else if (event.type === 'card') view.addCard(event.card);
    else if (event.type === 'handoff') view.addNotice('You are being connected to a person.');
  };

  const showStatus = (status: 'connecting' | 'online' | 'reconnecting') => {
    clearTimeout(offlineTimer);
    if (status === 'online') {
      view.setStatus('online', null);
      return;
    }
    // A first connection usually takes a moment; say something only when it does not.
    const message =
      status === 'connecting' ? 'Connecting to the chat…' : 'The chat server is unreachable. Reconnecting…';
    view.setStatus(status, null);
    offlineTimer = setTimeout(() => view.setStatus(status, message), status === 'connecting' ? 2000 : 400);
  };

  const userToken = settings.userToken;
  connection = createChatConnection({
    server: settings.server,
    storage: createWidgetStorage(settings.storage),
    userToken: typeof userToken === 'function' ? userToken : userToken ? () => userToken : undefined,
    locale: settings.locale ?? navigator.language ?? 'en',
    handlers: {
      session: showSession,
      reply: showReply,
      turnEnd(end) {
        waiting.delete(end.turnId);
        if (waiting.size === 0) view.setTyping(false);
      },
      userEcho(message) {
        if (!view.hasTurn(message.turnId)) view.addUserMessage(message.turnId, message.text, 'sent');
      },
      delivered(id, error) {
        view.setUserMessageState(id, error ? 'failed' : 'sent');
        if (error) {
          waiting.delete(id);
          if (waiting.size === 0) view.setTyping(false);
        }
      },
      error(error) {
        view.addNotice(problems[error.code] ?? error.message, true);
      },
      status: showStatus,
    },
  });

  const remembered = uiState.get(openKey);
  if (remembered === undefined ? settings.open : remembered === '1') view.open();

  return {
    open: () => view.open(),
    close: () => view.close(),
    send: sendText,
    restart: () => {
      conversationId = undefined;
      connection?.restart();
    },
    destroy: () => {
      clearTimeout(offlineTimer);
      voice?.stop();
      connection?.close();
      connection = undefined;
      host.remove();
    },
  };
}
