import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import type { SpeechToText } from '../../engine/speech/speech-to-text.ts';
import type { TextToSpeech } from '../../engine/speech/text-to-speech.ts';
import type { VoiceLimits } from './voice-limits.ts';
import type { VoiceMessages } from './voice-messages.ts';

/** Voice on a parley server: the REST utterance route and the voice events of the widget's socket. */
export interface VoiceOptions {
  /** Speech recognition. Default: pocketsphinx in-process (voice input is off, with a log line, when it is missing). */
  stt?: SpeechToText;
  /** Speech synthesis. Default: espeak-ng in WASM. */
  tts?: TextToSpeech;
  /** The bot's conversation store: what the bot is waiting for shapes recognition. Default: none. */
  store?: ConversationStore;
  /** Each field defaults to {@link defaultVoiceLimits}. */
  limits?: Partial<VoiceLimits>;
  /** Each field defaults to {@link defaultVoiceMessages}. */
  messages?: Partial<VoiceMessages>;
}
