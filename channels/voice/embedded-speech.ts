import type { Logger } from 'pino';
import { espeakInstalled, espeakInstallHint, espeakPackage } from '../../engine/speech/espeak/espeak-module.ts';
import { createEspeakTextToSpeech } from '../../engine/speech/espeak/espeak-text-to-speech.ts';
import { createPocketsphinxSpeechToText } from '../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import type { SpeechToText } from '../../engine/speech/speech-to-text.ts';
import type { TextToSpeech } from '../../engine/speech/text-to-speech.ts';
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

/** Speech that says nothing: replies to spoken turns are text only. */
export const silentSpeech: TextToSpeech = {
  provider: 'off',
  async *synthesize(): AsyncGenerator<never> {
    // Nothing to say.
  },
};

/** Options of {@link embeddedSynthesizer}. */
export interface EmbeddedSynthesizerOptions {
  /** Whether the espeak-ng package is installed. Default: {@link espeakInstalled} (tests pretend it is not). */
  installed?: () => boolean;
}

/**
 * espeak-ng in WASM, warmed up in the background so the first reply is not the one that loads it. The package is
 * GPL-3.0 and an optional dependency: where it was left out, one warning says so and how to install it, and
 * replies to spoken turns are text only ({@link silentSpeech}).
 */
export function embeddedSynthesizer(log: Logger, options: EmbeddedSynthesizerOptions = {}): TextToSpeech {
  if (!(options.installed ?? espeakInstalled)()) {
    log.warn(`speech output is off: ${espeakPackage} (espeak-ng, GPL-3.0, an optional dependency) is not installed, so replies to spoken turns are text only (install it with: ${espeakInstallHint})`);
    return silentSpeech;
  }
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
