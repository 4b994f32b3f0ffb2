import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';
import { rankTranscripts } from '../../engine/speech/rank-transcripts.ts';
import type { SpeechToText } from '../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { awaitsAnswer } from './bot-speech-language.ts';

/**
 * A recognizer whose final transcript has the intent the bot's classifier is surest of among the recognizer's
 * N-best readings (its confidence, 0 for no intent, less a little per place down the list), and of the readings
 * with that intent the likeliest: a paraphrase the recognizer half hears often has a reading the bot understands a
 * few places down. While the bot waits for an answer (an order number, yes or no) the recognizer's own choice
 * stands, since such answers carry no intent.
 */
export function intentRankedSpeech(stt: SpeechToText, classifier: IntentClassifier): SpeechToText {
  return rankTranscripts(stt, {
    understanding: (text, { language }) => {
      if (awaitsAnswer(language)) return undefined;
      const { intent, confidence } = classifier.classify(spokenDigitsToText(text));
      return { meaning: intent, confidence };
    },
  });
}
