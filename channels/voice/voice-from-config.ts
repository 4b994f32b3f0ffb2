import type { Logger } from 'pino';
import type { ParleyConfig } from '../../core/config/parley-config.ts';
import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import { embeddedRecognizer, embeddedSynthesizer } from './embedded-speech.ts';
import type { VoiceOptions } from './voice-options.ts';

/**
 * The server's voice from the `voice` settings, made at start so that a missing pocketsphinx is said at once
 * (voice input off, with the install command; the server runs on). `stt: "off"` turns voice off; the `openai`
 * backends are not built yet and are refused with a log line.
 */
export function voiceFromConfig(settings: ParleyConfig['voice'], log: Logger, store: ConversationStore | undefined): VoiceOptions | false {
  if (settings.stt === 'off') return false;
  if (settings.stt === 'openai' || settings.tts === 'openai') {
    log.warn('PARLEY_STT/PARLEY_TTS "openai" is not available yet: voice input is off');
    return false;
  }
  const recognizer = embeddedRecognizer(log);
  if (!recognizer.stt) return false;
  return { stt: recognizer.stt, ...(settings.tts === 'off' ? {} : { tts: embeddedSynthesizer(log) }), ...(store ? { store } : {}) };
}
