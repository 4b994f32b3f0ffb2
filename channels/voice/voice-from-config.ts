import type { Logger } from 'pino';
import type { ParleyConfig } from '../../core/config/parley-config.ts';
import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { createOpenAISpeechToText } from '../../engine/speech/openai/openai-speech-to-text.ts';
import { createOpenAITextToSpeech } from '../../engine/speech/openai/openai-text-to-speech.ts';
import type { SpeechToText } from '../../engine/speech/speech-to-text.ts';
import { embeddedRecognizer, embeddedSynthesizer } from './embedded-speech.ts';
import type { VoiceOptions } from './voice-options.ts';

/**
 * The server's voice from the `voice` settings, made at start so that a missing pocketsphinx is said at once
 * (voice input off, with the install command; the server runs on). `stt: "off"` turns voice off; the `openai`
 * backends need `baseUrl` (a `ConfigError` otherwise).
 */
export function voiceFromConfig(settings: ParleyConfig['voice'], log: Logger, store: ConversationStore | undefined): VoiceOptions | false {
  if (settings.stt === 'off') return false;
  const remote = { ...(settings.apiKey ? { apiKey: settings.apiKey } : {}) };
  const baseUrl = () => {
    if (!settings.baseUrl) throw new ConfigError('voice.baseUrl', 'the speech server URL up to /v1 (PARLEY_SPEECH_BASE_URL) for the openai backends');
    return settings.baseUrl;
  };
  let stt: SpeechToText | undefined;
  if (settings.stt === 'openai') stt = createOpenAISpeechToText({ baseUrl: baseUrl(), model: settings.sttModel, ...remote });
  else stt = embeddedRecognizer(log).stt;
  if (!stt) return false;
  const tts =
    settings.tts === 'openai'
      ? createOpenAITextToSpeech({ baseUrl: baseUrl(), model: settings.ttsModel, voice: settings.ttsVoice, ...remote })
      : embeddedSynthesizer(log);
  if (settings.tts === 'off') log.warn('PARLEY_TTS "off": replies to spoken turns are text only');
  return { stt, ...(settings.tts === 'off' ? { tts: silentSpeech } : { tts }), ...(store ? { store } : {}) };
}

/** Speech that says nothing: voice turns answer with text only. */
const silentSpeech = {
  provider: 'off',
  async *synthesize(): AsyncGenerator<never> {
    // Nothing to say.
  },
};
