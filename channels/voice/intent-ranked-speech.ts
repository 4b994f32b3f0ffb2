import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';
import { marginalTranscripts } from '../../engine/speech/marginal-transcripts.ts';
import type { SpeechToText } from '../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { awaitsAnswer } from './bot-speech-language.ts';

/**
 * A recognizer whose final transcript, unless the bot's classifier understands it surely, has the intent likeliest
 * over all the recognizer's N-best readings (each reading's whole intent ranking, weighted by the recognizer's
 * posterior for the reading: see `marginalTranscripts`), and of the readings with that intent the likeliest: a
 * paraphrase the recognizer half hears often has several readings a few places down that the bot half
 * understands the same way. While the bot waits for an answer (an order number, yes or no) the recognizer's own
 * choice stands, since such answers carry no intent.
 */
export function intentRankedSpeech(stt: SpeechToText, classifier: IntentClassifier): SpeechToText {
  return marginalTranscripts(stt, {
    understanding: (text, { language }) => {
      if (awaitsAnswer(language)) return undefined;
      const { intent, confidence, ranking, outOfScope } = classifier.classify(spokenDigitsToText(text));
      return { meaning: intent, confidence, ranking: outOfScope ? [] : ranking.map((r) => ({ meaning: r.intent, confidence: r.confidence })) };
    },
  });
}
