/**
 * The widget's look, as CSS custom properties on its host element (`--parley-<name>`). Custom properties
 * inherit into the shadow root, so a site may also set them in its own CSS, e.g.
 * `parley-widget { --parley-accent: #0a7d4f; }`.
 */
export interface WidgetTheme {
  /** Launcher, header, user bubbles and buttons. Default `#3b5bdb`. */
  accent: string;
  /** Text on the accent colour. Default `#ffffff`. */
  accentText: string;
  /** Panel background. Default `#ffffff`. */
  background: string;
  /** Message area background. Default `#f5f6fa`. */
  surface: string;
  /** Main text colour. Default `#1f2430`. */
  text: string;
  /** Secondary text colour. Default `#5f6675`. */
  muted: string;
  /** Bot bubble background. Default `#ffffff`. */
  botBubble: string;
  /** Corner radius of the panel. Default `16px`. */
  radius: string;
  /** Font stack. Default the system UI font. */
  font: string;
  /** Stacking order of the widget. Default `2147483000`. */
  zIndex: string;
}

/** How the widget mounts. Every field but `server` is optional. */
export interface WidgetOptions {
  /** The parley server's URL, e.g. `https://chat.example.com` (a path prefix is kept). Default: where the script came from. */
  server: string;
  /** Header title. Default: the bot's name from the server. */
  title?: string;
  /** Header line under the title while connected. Default "Typically replies instantly". */
  subtitle?: string;
  /** The first bot bubble, shown before the user writes (not stored). Default "Hi! How can I help you today?". */
  welcome?: string;
  /** Input placeholder. Default "Type a message…". */
  placeholder?: string;
  /**
   * A JWT from your backend identifying the signed-in user, or a function returning a fresh one (called on every
   * connection, so it may refresh an expiring token). Default: the user is anonymous.
   */
  userToken?: string | (() => string | undefined | Promise<string | undefined>);
  /** Which bottom corner. Default "right". */
  position?: 'right' | 'left';
  /** Open the panel at start. Default false (a reload keeps the panel as the user left it). */
  open?: boolean;
  /** Where the conversation token is kept: "local" (survives closing the tab), "session" (this tab) or "memory". Default "local". */
  storage?: 'local' | 'session' | 'memory';
  /** Colours and shapes; see {@link WidgetTheme}. */
  theme?: Partial<WidgetTheme>;
  /** Element to mount into. Default `document.body`. */
  container?: HTMLElement;
  /** BCP 47 locale sent with each message. Default `navigator.language`. */
  locale?: string;
  /**
   * Voice: a microphone button, shown when the server takes spoken turns; `false` hides it. See
   * {@link WidgetVoiceOptions}. Default on.
   */
  voice?: WidgetVoiceOptions | false;
}

/** Voice settings of the widget. */
export interface WidgetVoiceOptions {
  /**
   * The microphone stream. Default `getUserMedia` with echo cancellation, noise suppression and automatic gain on
   * (a page may pass another source, e.g. a stream mixed in Web Audio).
   */
  getStream?: () => Promise<MediaStream>;
  /** Ignore speech that matches the bot's own playback, so its echo never interrupts it. Default true. */
  echoGuard?: boolean;
}

/** Defaults of the optional {@link WidgetOptions} fields that have a fixed one. */
export const defaultWidgetOptions = {
  subtitle: 'Typically replies instantly',
  welcome: 'Hi! How can I help you today?',
  placeholder: 'Type a message…',
  position: 'right' as const,
  open: false,
  storage: 'local' as const,
};

/** Reads `data-*` attributes of the widget's script tag into options. */
export function optionsFromScript(script: HTMLScriptElement): WidgetOptions {
  const d = script.dataset;
  const server = d.server || new URL(script.src, location.href).origin;
  const options: WidgetOptions = { server };
  if (d.title) options.title = d.title;
  if (d.subtitle) options.subtitle = d.subtitle;
  if (d.welcome !== undefined) options.welcome = d.welcome;
  if (d.placeholder) options.placeholder = d.placeholder;
  if (d.userToken) options.userToken = d.userToken;
  if (d.position === 'left' || d.position === 'right') options.position = d.position;
  if (d.open !== undefined) options.open = d.open !== 'false';
  if (d.storage === 'local' || d.storage === 'session' || d.storage === 'memory') options.storage = d.storage;
  if (d.accent) options.theme = { accent: d.accent };
  if (d.voice === 'off' || d.voice === 'false') options.voice = false;
  return options;
}
