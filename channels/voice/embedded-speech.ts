import type { Logger } from 'pino';
import { createEspeakTextToSpeech } from '../../engine/speech/espeak/espeak-text-to-speech.ts';
import { createPocketsphinxSpeechToText } from '../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import type { SpeechToText } from '../../engine/speech/speech-to-text.ts';
import { isParleyError } from '../../core/contracts/errors/parley-error.ts';

/** The embedded recognizer, or why there is none (said to the log once and to clients that send audio). */
export type EmbeddedRecognizer = { stt: SpeechToText } | { stt: undefined; reason: string };

/**
 * pocketsphinx when it is installed; otherwise nothing, and one warning that says voice input needs it and how
 * to install it (the server runs on without voice input).
 */
export function embeddedRecognizer(log: Logger): EmbeddedRecognizer {
  try {
    return { stt: createPocketsphinxSpeechToText() };
  } catch (error) {
    const reason = isParleyError(error) && error.name === 'SpeechUnavailableError' ? error.message : `pocketsphinx failed to start: ${String(error)}`;
    log.warn({ err: error }, `voice input is off: ${reason}`);
    return { stt: undefined, reason: `voice input needs pocketsphinx on the server: ${reason}` };
  }
}

/** espeak-ng in WASM, warmed up in the background so the first reply is not the one that loads it. */
export function embeddedSynthesizer(log: Logger) {
  const tts = createEspeakTextToSpeech();
  void (async () => {
    try {
      for await (const _ of tts.synthesize('Ready.')) {
        // Only the loading matters.
      }
    } catch (error) {
      log.warn({ err: error }, 'speech synthesis (espeak-ng) failed to load');
    }
  })();
  return tts;
}
