import type { SkillRegistry } from '../../core/skill-registry.ts';
import { createEntityRecognizer } from '../../engine/entities/create-entity-recognizer.ts';
import { createBooleanEntityExtractor } from '../../engine/nlu/boolean-entity.ts';
import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';
import type { SpeechToText, TranscriptAlternative, TranscriptEvent } from '../../engine/speech/speech-to-text.ts';
import { spokenDigitsToText } from '../../engine/speech/spoken-digits.ts';
import { answerAwaitedIn } from './bot-speech-language.ts';
import type { SpokenAnswer } from './spoken-answer.ts';
import { speechWords } from './speech-words.ts';

/** Options of {@link answerFirstSpeech}. */
export interface AnswerFirstSpeechOptions {
  /**
   * The bot's classifier: a transcript that is one of the bot's examples and that it reads as an intent this surely
   * (say "cancel") stands. Default: none (every such example stands).
   */
  classifier?: IntentClassifier;
  /** The classifier's confidence at which a transcript stands as an intent. Default 0.7. */
  standsAbove?: number;
  /** Readings looked at: the transcript and its first alternatives (the grammar's phrase always). Default 6. */
  readings?: number;
}

/** The defaults of {@link AnswerFirstSpeechOptions}. */
export const defaultAnswerFirstSpeechOptions = { standsAbove: 0.7, readings: 6 };

/**
 * A recognizer whose final transcript, while the bot waits for an answer it can hear (a slot's value, yes or no,
 * one of the offered options), is the likeliest reading that gives that answer: the statistical search often
 * hears words around a number read out ("do plus the to you") where the grammar heard the digits, and the two
 * disagree too much for the grammar to win on its own. A transcript that is an answer already, or one of the bot's
 * examples read surely as an intent ("cancel"), stands; so does any transcript when no reading is an answer.
 */
export function answerFirstSpeech(stt: SpeechToText, registry: SkillRegistry, options: AnswerFirstSpeechOptions = {}): SpeechToText {
  const settings = { ...defaultAnswerFirstSpeechOptions, ...options };
  const entities = createEntityRecognizer({ entities: registry.entities });
  const yesNo = createBooleanEntityExtractor('yes_no');
  const answers = (answer: SpokenAnswer, text: string): boolean => {
    const read = spokenDigitsToText(text);
    if (answer.kind === 'yes-no') return yesNo.extract(read).length > 0;
    if (answer.kind === 'choice') return answer.options.some((o) => ` ${text} `.includes(` ${speechWords(registry.title(o)).join(' ')} `));
    return answer.entity !== undefined && entities.extract(read).some((e) => e.entity === answer.entity);
  };
  const examples = new Set(registry.examples().map((e) => speechWords(e.text).join(' ')));
  // Only one of the bot's own examples word for word: a garbled guess ("do you close it's eight want" for a number
  // read out) is often read surely as some intent too.
  const standsAsIntent = (text: string) => {
    if (!examples.has(text)) return false;
    if (!settings.classifier) return true;
    const understood = settings.classifier?.classify(spokenDigitsToText(text));
    return understood !== undefined && !understood.outOfScope && understood.intent !== null && understood.confidence >= settings.standsAbove;
  };
  return {
    provider: stt.provider,
    closedVocabulary: stt.closedVocabulary,
    async *recognize(audio, recognizeOptions): AsyncGenerator<TranscriptEvent> {
      const answer = answerAwaitedIn(recognizeOptions.language);
      for await (const event of stt.recognize(audio, recognizeOptions)) {
        if (!answer || event.type !== 'transcript-final' || event.text === '' || !event.alternatives?.length || answers(answer, event.text) || standsAsIntent(event.text)) {
          yield event;
          continue;
        }
        const alternatives = event.alternatives;
        const looked = [...alternatives.slice(0, settings.readings - 1), ...(event.phrase ? [] : alternatives.slice(-1))];
        const chosen = looked.find((r) => answers(answer, r.text));
        if (!chosen) {
          yield event;
          continue;
        }
        const top: TranscriptAlternative = { text: event.text, confidence: event.confidence, ...(event.posterior !== undefined ? { posterior: event.posterior } : {}) };
        const { words } = event;
        yield {
          type: 'transcript-final',
          text: chosen.text,
          confidence: chosen.confidence,
          ...(chosen.posterior !== undefined ? { posterior: chosen.posterior } : {}),
          alternatives: [top, ...alternatives.filter((r) => r.text !== chosen.text)],
          ...(words ? { words } : {}),
        };
      }
    },
  };
}
