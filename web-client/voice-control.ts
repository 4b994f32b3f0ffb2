import type { VoiceError, VoiceSessionInfo } from '../channels/web/protocol.ts';
import type { ChatView } from './chat-view.ts';
import { h, icon, icons } from './dom.ts';
import type { VoiceSession } from './voice/voice-session.ts';
import { dispatchVoiceEvent, type VoiceErrorReason, type VoiceState } from './voice/voice-events.ts';
import type { VoiceSocket } from './voice/voice-socket.ts';
import type { WidgetVoiceOptions } from './widget-options.ts';

/** The voice module the widget loads on first use (`web-client/voice/parley-voice.ts`). */
type VoiceModule = typeof import('./voice/parley-voice.ts');

/** Options of {@link createVoiceControl}. */
export interface VoiceControlOptions {
  view: ChatView;
  /** The widget element: voice events are dispatched on it. */
  host: HTMLElement;
  socket: () => VoiceSocket | undefined;
  /** Where the voice files are served, ending in `/` (`<server>/parley-voice/`). */
  assetBase: string;
  settings: WidgetVoiceOptions;
  newId(): string;
  onTranscript(utteranceId: string, text: string): void;
  onUtterance(utteranceId: string): void;
}

/** The microphone button and the voice state line. */
export interface VoiceControl {
  /** Shows the button when the server takes spoken turns (`voice` present), hides it otherwise. */
  offer(voice: VoiceSessionInfo | undefined): void;
  stop(): void;
}

const stateText: Record<VoiceState, string> = {
  off: '',
  loading: 'Starting voice…',
  listening: 'Listening…',
  thinking: 'Thinking…',
  speaking: 'Speaking…',
  unavailable: '',
};

const fallbackText: Record<VoiceErrorReason, string> = {
  no_microphone: 'No microphone was found, so voice is off. You can keep typing.',
  permission_denied: 'Microphone access was refused, so voice is off. You can keep typing.',
  load_failed: "Voice couldn't start. You can keep typing.",
  server: '',
};

/** The default microphone: echo cancellation on, so the bot's voice played by the widget is not heard back. */
const microphone = () =>
  navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });

/** Whether the browser can record at all and lists an audio input (labels stay hidden until permission). */
async function hasMicrophone(): Promise<boolean> {
  if (!navigator.mediaDevices?.getUserMedia) return false;
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => undefined);
  return !devices || devices.some((d) => d.kind === 'audioinput');
}

/** Why a microphone request failed, from its DOMException name. */
function micFailure(error: unknown): VoiceErrorReason {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission_denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError' || name === 'TypeError')
    return 'no_microphone';
  return 'load_failed';
}

/**
 * The widget's microphone button: shown when the server offers voice; the first press asks for the microphone and
 * loads the voice module (`parley-voice.js`, vad-web and onnxruntime-web) from the server, so the chat itself never
 * pays for them; a second press turns voice off. The state (listening, thinking, speaking) is shown above the
 * composer in a live region; without a microphone, or when access is refused, it says so and the text input stays.
 */
export function createVoiceControl(options: VoiceControlOptions): VoiceControl {
  const { view, host } = options;
  const button = h(
    'button',
    { class: 'mic', type: 'button', 'aria-label': 'Talk', 'aria-pressed': 'false', hidden: true },
    icon(icons.mic),
  );
  const line = h('div', { class: 'voice-state', role: 'status', 'aria-live': 'polite', hidden: true });
  view.addVoiceControls(button, line);
  let session: VoiceSession | undefined;
  let starting = false;
  let loaded: Promise<VoiceModule> | undefined;

  const show = (state: VoiceState) => {
    line.dataset.state = state;
    line.textContent = stateText[state];
    line.hidden = stateText[state] === '';
    const on = state !== 'off' && state !== 'unavailable';
    button.setAttribute('aria-pressed', String(on));
    button.setAttribute('aria-label', on ? 'Stop talking' : 'Talk');
    host.setAttribute('data-voice', state);
  };
  const fail = (reason: VoiceErrorReason, detail?: string) => {
    const message = fallbackText[reason];
    show('unavailable');
    view.addNotice(message, true);
    dispatchVoiceEvent(host, 'parley-voice-error', { at: performance.now(), reason, message: detail ?? message });
  };
  const stop = () => {
    const running = session;
    session = undefined;
    void running?.stop();
    show('off');
  };

  const start = async () => {
    const socket = options.socket();
    if (!socket || starting) return;
    starting = true;
    // Made inside the click: browsers let audio play only after a user gesture.
    const context = new AudioContext({ latencyHint: 'interactive' });
    show('loading');
    let micError: unknown;
    const getStream = async () => {
      try {
        return await (options.settings.getStream ?? microphone)();
      } catch (error) {
        micError = error;
        throw error;
      }
    };
    try {
      // Without a microphone at all, say so before downloading the detector.
      if (!options.settings.getStream && !(await hasMicrophone())) {
        micError = new DOMException('no microphone', 'NotFoundError');
        throw micError;
      }
      loaded ??= import(/* @vite-ignore */ `${options.assetBase}parley-voice.js`) as Promise<VoiceModule>;
      const voice = await loaded;
      session = await voice.startVoiceSession({
        socket,
        context,
        getStream,
        assetBase: options.assetBase,
        element: host,
        ...(options.settings.echoGuard === false ? { echoGuard: false as const } : {}),
        newId: options.newId,
        onState: show,
        onTranscript: options.onTranscript,
        onUtterance: options.onUtterance,
        onError: (error: VoiceError) => {
          view.addNotice(error.message, true);
          // The server cannot hear (no recognizer installed): voice stays off until the user tries again.
          if (error.code === 'voice_unavailable') {
            stop();
            show('unavailable');
          }
        },
      });
    } catch (error) {
      if (!micError) loaded = undefined;
      void context.close();
      fail(micError ? micFailure(micError) : 'load_failed', String(error));
    } finally {
      starting = false;
    }
  };

  button.addEventListener('click', () => (session ? stop() : void start()));
  return {
    offer(voice) {
      button.hidden = !voice;
      if (!voice && session) stop();
    },
    stop,
  };
}
