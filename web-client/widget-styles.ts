/** The widget's stylesheet, scoped by its shadow root. Theme values come from `--parley-*` custom properties. */
export const widgetStyles = `
:host {
  all: initial;
  --accent: var(--parley-accent, #3b5bdb);
  --accent-text: var(--parley-accent-text, #ffffff);
  --bg: var(--parley-background, #ffffff);
  --surface: var(--parley-surface, #f5f6fa);
  --text: var(--parley-text, #1f2430);
  --muted: var(--parley-muted, #5f6675);
  --bot-bubble: var(--parley-bot-bubble, #ffffff);
  --radius: var(--parley-radius, 16px);
  --font: var(--parley-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --z: var(--parley-z-index, 2147483000);
  font: 15px/1.45 var(--font);
  color: var(--text);
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid color-mix(in srgb, var(--accent) 55%, #ffffff); outline-offset: 2px; }

.launcher {
  position: fixed; bottom: 20px; right: 20px; z-index: var(--z);
  width: 60px; height: 60px; border-radius: 50%; border: 0; padding: 0;
  background: var(--accent); color: var(--accent-text);
  display: grid; place-items: center;
  box-shadow: 0 6px 20px rgba(20, 24, 40, .28);
  transition: transform .15s ease;
}
.launcher:hover { transform: scale(1.05); }
.launcher svg { width: 28px; height: 28px; }
:host([data-position="left"]) .launcher { right: auto; left: 20px; }

.panel {
  position: fixed; bottom: 92px; right: 20px; z-index: var(--z);
  width: min(380px, calc(100vw - 40px)); height: min(620px, calc(100vh - 116px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--bg); border-radius: var(--radius);
  box-shadow: 0 12px 48px rgba(20, 24, 40, .22), 0 2px 6px rgba(20, 24, 40, .08);
  animation: rise .18s ease-out;
}
:host([data-position="left"]) .panel { right: auto; left: 20px; }
@keyframes rise { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }

header {
  display: flex; align-items: center; gap: 12px; padding: 14px 14px 14px 16px;
  background: var(--accent); color: var(--accent-text);
}
.avatar {
  flex: none; width: 38px; height: 38px; border-radius: 50%;
  display: grid; place-items: center; font-weight: 700; font-size: 17px;
  background: rgba(255, 255, 255, .22);
}
.heading { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 650; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.subtitle { font-size: 12.5px; opacity: .88; display: flex; align-items: center; gap: 6px; }
.subtitle::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: #51cf66; }
:host([data-status="connecting"]) .subtitle::before, :host([data-status="reconnecting"]) .subtitle::before { background: #fcc419; }
.close {
  flex: none; width: 36px; height: 36px; border-radius: 10px; border: 0; background: transparent; color: inherit;
  display: grid; place-items: center;
}
.close:hover { background: rgba(255, 255, 255, .16); }
.close svg { width: 20px; height: 20px; }

.status { padding: 8px 14px; font-size: 13px; background: #fff4e6; color: #8a4b08; border-bottom: 1px solid #ffe0b3; }

.scroller { flex: 1; overflow-y: auto; background: var(--surface); padding: 16px 14px 8px; overscroll-behavior: contain; }
.log { display: flex; flex-direction: column; gap: 8px; }
.log:focus-visible { outline-offset: -3px; }
.row { display: flex; }
.row.user { justify-content: flex-end; }
.bubble {
  max-width: 82%; padding: 9px 13px; border-radius: 16px; overflow-wrap: anywhere;
  background: var(--bot-bubble); color: var(--text);
  border: 1px solid rgba(20, 24, 40, .07); border-bottom-left-radius: 5px;
  box-shadow: 0 1px 2px rgba(20, 24, 40, .05);
}
.user .bubble {
  background: var(--accent); color: var(--accent-text); border-color: transparent;
  border-bottom-left-radius: 16px; border-bottom-right-radius: 5px; white-space: pre-wrap;
}
.user.sending .bubble { opacity: .65; }
.user.failed .bubble { background: #c92a2a; }
.bubble p { margin: 0; }
.bubble p + p, .bubble p + ul, .bubble p + ol, .bubble ul + p, .bubble ol + p { margin-top: 6px; }
.bubble ul, .bubble ol { margin: 4px 0 0; padding-left: 20px; }
.bubble a { color: inherit; text-decoration: underline; }
.bubble code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: rgba(20, 24, 40, .07); padding: 1px 4px; border-radius: 4px; }
.meta { font-size: 12px; color: var(--muted); margin-top: 2px; text-align: right; }

.notice { align-self: center; font-size: 12.5px; color: var(--muted); text-align: center; padding: 2px 10px; }
.notice.problem { color: #a61e1e; }

.chips { display: flex; flex-wrap: wrap; gap: 6px; padding: 2px 0 4px; }
.chip {
  border: 1.5px solid var(--accent); color: var(--accent); background: var(--bg);
  border-radius: 999px; padding: 6px 13px; font-size: 14px; line-height: 1.2;
}
.chip:hover { background: var(--accent); color: var(--accent-text); }

.card {
  max-width: 82%; background: var(--bot-bubble); border-radius: 14px; overflow: hidden;
  border: 1px solid rgba(20, 24, 40, .09); box-shadow: 0 1px 3px rgba(20, 24, 40, .06);
}
.card-body { padding: 12px 14px; }
.card-title { margin: 0 0 4px; font-size: 15px; font-weight: 650; }
.card-text p { margin: 0; }
.card-actions { display: flex; flex-direction: column; border-top: 1px solid rgba(20, 24, 40, .08); }
.card-actions button { border: 0; background: transparent; padding: 10px 14px; color: var(--accent); font-weight: 600; text-align: left; }
.card-actions button + button { border-top: 1px solid rgba(20, 24, 40, .08); }
.card-actions button:hover { background: var(--surface); }

.typing { display: inline-flex; gap: 4px; padding: 12px 14px; margin: 8px 0 4px; background: var(--bot-bubble); border-radius: 16px; border-bottom-left-radius: 5px; border: 1px solid rgba(20, 24, 40, .07); }
.typing span { width: 7px; height: 7px; border-radius: 50%; background: var(--muted); opacity: .4; animation: blink 1.2s infinite; }
.typing span:nth-child(2) { animation-delay: .2s; }
.typing span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; transform: translateY(0); } 40% { opacity: .9; transform: translateY(-3px); } }

.composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px; background: var(--bg); border-top: 1px solid rgba(20, 24, 40, .08); }
.composer textarea {
  flex: 1; resize: none; min-height: 42px; max-height: 120px; padding: 10px 14px;
  font: inherit; color: var(--text); background: var(--surface);
  border: 1.5px solid transparent; border-radius: 21px; outline: none;
}
.composer textarea:focus { border-color: var(--accent); background: var(--bg); }
.send {
  flex: none; width: 42px; height: 42px; border-radius: 50%; border: 0;
  background: var(--accent); color: var(--accent-text); display: grid; place-items: center;
}
.send svg { width: 20px; height: 20px; }
.mic {
  flex: none; width: 42px; height: 42px; border-radius: 50%; border: 1.5px solid var(--accent);
  background: var(--bg); color: var(--accent); display: grid; place-items: center;
}
.mic[hidden] { display: none; }
.mic svg { width: 20px; height: 20px; }
.mic[aria-pressed="true"] { background: var(--accent); color: var(--accent-text); }
.voice-state { font-size: 12.5px; color: var(--muted); text-align: center; padding: 4px 12px 0; background: var(--bg); }
.voice-state[data-state="speaking"], .voice-state[data-state="listening"] { color: var(--accent); }
.powered { text-align: center; font-size: 11px; color: var(--muted); padding: 0 0 8px; background: var(--bg); }

@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; }
  :host([data-open]) .launcher { display: none; }
  .bubble, .card { max-width: 88%; }
}
@media (prefers-reduced-motion: reduce) {
  .panel, .typing span, .launcher { animation: none; transition: none; }
}
`;
