import type { Card, Suggestion } from '../core/contracts/bot-event.ts';
import { h, icon, icons } from './dom.ts';
import { renderMarkdown } from './markdown/render-markdown.ts';
import { widgetStyles } from './widget-styles.ts';

/** Options of {@link createChatView}. */
export interface ChatViewOptions {
  host: HTMLElement;
  title: string;
  subtitle: string;
  placeholder: string;
  /** Called with the text of a message the user sends (typed, or a quick reply's value). */
  onSend(text: string): void;
  /** Called after the panel opened or closed. */
  onToggle?(open: boolean): void;
}

/** State of a user message. */
export type UserMessageState = 'sending' | 'sent' | 'failed';

/** The widget's DOM: launcher, panel, message log, composer. Knows nothing about the network. */
export interface ChatView {
  readonly root: ShadowRoot;
  open(): void;
  close(): void;
  readonly isOpen: boolean;
  setTitle(title: string): void;
  /** Shows a connection problem under the header; null hides it. */
  setStatus(status: 'connecting' | 'online' | 'reconnecting', message: string | null): void;
  clear(): void;
  hasTurn(turnId: string): boolean;
  addUserMessage(turnId: string, text: string, state: UserMessageState): void;
  setUserMessageState(turnId: string, state: UserMessageState): void;
  /** A complete bot message (welcome, history). */
  addBotMessage(text: string, turnId?: string): void;
  appendBotDelta(messageId: string, turnId: string, delta: string): void;
  endBotMessage(messageId: string, turnId: string, text: string): void;
  showSuggestions(suggestions: readonly Suggestion[]): void;
  addCard(card: Card): void;
  addNotice(text: string, problem?: boolean): void;
  setTyping(typing: boolean): void;
  setMaxLength(characters: number): void;
  /** Puts the voice controls in the panel: `button` next to the send button, `state` above the composer. */
  addVoiceControls(button: HTMLElement, state: HTMLElement): void;
}

/** Builds the widget inside an open shadow root of `options.host`, so the page's CSS and scripts' selectors stay out. */
export function createChatView(options: ChatViewOptions): ChatView {
  const root = options.host.attachShadow({ mode: 'open' });
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    // Constructed sheets are not blocked by a host page's style-src policy, unlike a <style> element.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(widgetStyles);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(h('style', {}, widgetStyles));
  }

  const titleId = 'parley-title';
  const launcher = h(
    'button',
    {
      class: 'launcher',
      type: 'button',
      'aria-label': 'Open chat',
      'aria-expanded': 'false',
      'aria-controls': 'parley-panel',
    },
    icon(icons.chat),
  );
  const title = h('h2', { class: 'title', id: titleId }, options.title);
  const subtitle = h('div', { class: 'subtitle' }, options.subtitle);
  const avatar = h('div', { class: 'avatar', 'aria-hidden': 'true' }, initial(options.title));
  const closeButton = h(
    'button',
    { class: 'close', type: 'button', 'aria-label': 'Close chat' },
    icon(icons.down),
  );
  const status = h('div', { class: 'status', role: 'status', hidden: true });
  const log = h('div', {
    class: 'log',
    role: 'log',
    'aria-live': 'polite',
    'aria-relevant': 'additions',
    'aria-label': 'Conversation',
    tabindex: '0',
  });
  const typing = h(
    'div',
    { class: 'typing', 'aria-hidden': 'true', hidden: true },
    h('span'),
    h('span'),
    h('span'),
  );
  const scroller = h('div', { class: 'scroller' }, log, typing);
  const input = h('textarea', {
    rows: '1',
    'aria-label': 'Message',
    placeholder: options.placeholder,
    maxlength: '4000',
    enterkeyhint: 'send',
  });
  const send = h('button', { class: 'send', type: 'submit', 'aria-label': 'Send message' }, icon(icons.send));
  const composer = h('form', { class: 'composer' }, input, send);
  const panel = h(
    'section',
    {
      class: 'panel',
      id: 'parley-panel',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': titleId,
      hidden: true,
    },
    h('header', {}, avatar, h('div', { class: 'heading' }, title, subtitle), closeButton),
    status,
    scroller,
    composer,
    h('div', { class: 'powered', 'aria-hidden': 'true' }, 'Powered by parley'),
  );
  root.append(launcher, panel);

  const bubbles = new Map<string, { bubble: HTMLElement; text: string }>();
  const userRows = new Map<string, HTMLElement>();
  const turns = new Set<string>();
  let chips: HTMLElement | undefined;
  let isOpen = false;

  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  const keepScrolled = (update: () => void) => {
    const stick = nearBottom();
    update();
    if (stick) scroller.scrollTop = scroller.scrollHeight;
  };
  const row = (kind: 'bot' | 'user', label: string, bubble: HTMLElement) =>
    h('div', { class: `row ${kind}` }, h('span', { class: 'sr-only' }, label), bubble);
  const botLabel = () => `${title.textContent} said:`;
  const clearChips = () => {
    chips?.remove();
    chips = undefined;
  };
  const submit = (text: string) => {
    if (!text.trim()) return;
    clearChips();
    options.onSend(text);
  };
  const resizeInput = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 3, 120)}px`;
  };

  const view: ChatView = {
    root,
    get isOpen() {
      return isOpen;
    },
    open() {
      if (isOpen) return;
      isOpen = true;
      panel.hidden = false;
      options.host.setAttribute('data-open', '');
      launcher.setAttribute('aria-expanded', 'true');
      launcher.setAttribute('aria-label', 'Close chat');
      launcher.replaceChildren(icon(icons.close));
      scroller.scrollTop = scroller.scrollHeight;
      input.focus();
      options.onToggle?.(true);
    },
    close() {
      if (!isOpen) return;
      isOpen = false;
      panel.hidden = true;
      options.host.removeAttribute('data-open');
      launcher.setAttribute('aria-expanded', 'false');
      launcher.setAttribute('aria-label', 'Open chat');
      launcher.replaceChildren(icon(icons.chat));
      launcher.focus();
      options.onToggle?.(false);
    },
    setTitle(text) {
      title.textContent = text;
      avatar.textContent = initial(text);
    },
    setStatus(state, message) {
      options.host.setAttribute('data-status', state);
      subtitle.textContent =
        state === 'online' ? options.subtitle : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
      status.hidden = message === null;
      status.textContent = message ?? '';
    },
    clear() {
      log.replaceChildren();
      bubbles.clear();
      userRows.clear();
      turns.clear();
      chips = undefined;
    },
    hasTurn: (turnId) => turns.has(turnId),
    addUserMessage(turnId, text, state) {
      turns.add(turnId);
      const element = row('user', 'You said:', h('div', { class: 'bubble' }, text));
      element.classList.add(state);
      userRows.set(turnId, element);
      keepScrolled(() => log.append(element));
      if (state === 'sending') scroller.scrollTop = scroller.scrollHeight;
    },
    setUserMessageState(turnId, state) {
      const element = userRows.get(turnId);
      if (!element) return;
      element.classList.remove('sending', 'sent', 'failed');
      element.classList.add(state);
    },
    addBotMessage(text, turnId) {
      if (turnId) turns.add(turnId);
      const bubble = h('div', { class: 'bubble' });
      renderMarkdown(text, bubble);
      keepScrolled(() => log.append(row('bot', botLabel(), bubble)));
    },
    appendBotDelta(messageId, turnId, delta) {
      turns.add(turnId);
      let entry = bubbles.get(messageId);
      if (!entry) {
        entry = { bubble: h('div', { class: 'bubble' }), text: '' };
        bubbles.set(messageId, entry);
        // The log is busy while a message streams in, so screen readers announce it once, complete.
        log.setAttribute('aria-busy', 'true');
        const element = row('bot', botLabel(), entry.bubble);
        keepScrolled(() => log.append(element));
      }
      entry.text += delta;
      const { bubble, text } = entry;
      keepScrolled(() => renderMarkdown(text, bubble));
    },
    endBotMessage(messageId, turnId, text) {
      if (!bubbles.has(messageId)) view.appendBotDelta(messageId, turnId, '');
      const entry = bubbles.get(messageId)!;
      entry.text = text;
      keepScrolled(() => renderMarkdown(text, entry.bubble));
      log.setAttribute('aria-busy', 'false');
    },
    showSuggestions(suggestions) {
      clearChips();
      if (suggestions.length === 0) return;
      const group = h('div', { class: 'chips', role: 'group', 'aria-label': 'Suggested replies' });
      for (const s of suggestions) {
        const button = h('button', { class: 'chip', type: 'button' }, s.title);
        button.addEventListener('click', () => {
          submit(s.value);
          input.focus();
        });
        group.append(button);
      }
      chips = group;
      keepScrolled(() => log.append(group));
    },
    addCard(card) {
      const body = h('div', { class: 'card-body' }, h('h3', { class: 'card-title' }, card.title));
      if (card.text) {
        const text = h('div', { class: 'card-text' });
        renderMarkdown(card.text, text);
        body.append(text);
      }
      const element = h('div', { class: 'card', role: 'group', 'aria-label': card.title }, body);
      if (card.buttons?.length) {
        const actions = h('div', { class: 'card-actions' });
        for (const b of card.buttons) {
          const button = h('button', { type: 'button' }, b.title);
          button.addEventListener('click', () => submit(b.value));
          actions.append(button);
        }
        element.append(actions);
      }
      keepScrolled(() => log.append(h('div', { class: 'row bot' }, element)));
    },
    addNotice(text, problem = false) {
      keepScrolled(() => log.append(h('div', { class: problem ? 'notice problem' : 'notice' }, text)));
    },
    setTyping(on) {
      keepScrolled(() => {
        typing.hidden = !on;
      });
    },
    setMaxLength(characters) {
      input.maxLength = characters;
    },
    addVoiceControls(button, state) {
      composer.insertBefore(button, send);
      panel.insertBefore(state, composer);
    },
  };

  launcher.addEventListener('click', () => (isOpen ? view.close() : view.open()));
  closeButton.addEventListener('click', () => view.close());
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      view.close();
    }
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    resizeInput();
    submit(text);
    input.focus();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  input.addEventListener('input', resizeInput);
  return view;
}

function initial(title: string): string {
  return (title.trim()[0] ?? 'C').toUpperCase();
}
