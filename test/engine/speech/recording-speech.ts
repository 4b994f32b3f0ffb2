import type { SpeechToText, Transcript } from '../../../engine/speech/speech-to-text.ts';

/**
 * A real recognizer that remembers its last final transcript, so a test can compare what a wrapper made of it
 * with what it was (two decodings of one audio may differ slightly: the decoder adapts to what it heard before).
 */
export function recordingSpeech(stt: SpeechToText): { stt: SpeechToText; last: () => Transcript | undefined } {
  let last: Transcript | undefined;
  return {
    last: () => last,
    stt: {
      provider: stt.provider,
      closedVocabulary: stt.closedVocabulary,
      async *recognize(audio, options) {
        for await (const event of stt.recognize(audio, options)) {
          if (event.type === 'transcript-final') {
            const { type: _, ...transcript } = event;
            last = transcript;
          }
          yield event;
        }
      },
    },
  };
}
