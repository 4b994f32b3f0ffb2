import type { IntentClassifier } from '../../../engine/nlu/intent-classifier.ts';
import type { SpeechToText, TranscriptAlternative, TranscriptEvent } from '../../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../../engine/speech/spoken-digits.ts';
import { awaitsAnswer } from '../../../channels/voice/bot-speech-language.ts';
import { type VoteSpokenIntentOptions, voteSpokenIntent } from './vote-spoken-intent.ts';

/** Options of {@link spokenIntentSpeech}. */
export interface SpokenIntentSpeechOptions {
  /** The bot's own classifier, which reads the turn's text. */
  classifier: IntentClassifier;
  /** The speech-side classifier (`trainSpokenIntentClassifier`), which knows how the recognizer mishears. */
  spokenClassifier: IntentClassifier;
  /** How the readings vote. Default {@link defaultVoteSpokenIntentOptions}. */
  vote?: VoteSpokenIntentOptions;
}

/**
 * A recognizer whose final transcript is the likeliest reading that the bot's classifier reads as the intent the
 * speech-side classifier votes for over all the readings ({@link voteSpokenIntent}); when no reading reads so, the
 * recognizer's own choice stands. A transcript heard as one of the language's phrases stands, and so does any
 * utterance while the bot waits for an answer (an order number, yes or no), which carries no intent. The other
 * readings stay as `alternatives`; partial transcripts pass through unchanged.
 */
export function spokenIntentSpeech(stt: SpeechToText, options: SpokenIntentSpeechOptions): SpeechToText {
  return {
    provider: stt.provider,
    closedVocabulary: stt.closedVocabulary,
    async *recognize(audio, recognizeOptions): AsyncGenerator<TranscriptEvent> {
      for await (const event of stt.recognize(audio, recognizeOptions)) {
        if (event.type !== 'transcript-final' || event.phrase || !event.alternatives?.length || event.text === '' || awaitsAnswer(recognizeOptions.language)) {
          yield event;
          continue;
        }
        const readings: TranscriptAlternative[] = [{ text: event.text, confidence: event.confidence }, ...event.alternatives];
        const texts = readings.map((r) => spokenDigitsToText(r.text));
        const { intent } = voteSpokenIntent(options.spokenClassifier, texts, options.vote);
        const place = intent === null ? -1 : texts.findIndex((text) => text !== '' && options.classifier.classify(text).intent === intent);
        const chosen = readings[Math.max(0, place)]!;
        yield { type: 'transcript-final', text: chosen.text, confidence: chosen.confidence, alternatives: readings.filter((r) => r.text !== chosen.text) };
      }
    },
  };
}
