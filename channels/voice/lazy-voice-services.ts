import type { Logger } from 'pino';
import type { TurnHandler, TurnInterrupter } from '../../core/contracts/turn-handler.ts';
import type { SkillRegistry } from '../../core/skill-registry.ts';
import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';
import { answerFirstSpeech } from './answer-first-speech.ts';
import { embeddedRecognizer, embeddedSynthesizer } from './embedded-speech.ts';
import { intentRankedSpeech } from './intent-ranked-speech.ts';
import type { VoiceServices } from './spoken-turn.ts';
import { createTurnCompleteness } from './turn-completeness.ts';
import type { VoiceOptions } from './voice-options.ts';
import { defaultVoiceMessages } from './voice-messages.ts';

/** What the voice services need of the bot: its turns, and its skills and classifier in each of its languages. */
export type VoiceBot = TurnHandler &
  TurnInterrupter & {
    registry: SkillRegistry;
    classifier?: IntentClassifier;
    /** The bot's languages by locale ("es"); `registry` and `classifier` are the default one's. */
    languages?: ReadonlyMap<string, { registry: SkillRegistry; classifier: IntentClassifier }>;
  };

/** The services of spoken turns, or why there are none. */
export type VoiceAvailability = VoiceServices | { unavailable: string };

/**
 * The voice services of a server, made on first use (the embedded recognizer costs a second to load, which a
 * server that never hears audio should not pay); a missing recognizer is said once to the log and then to every
 * client that sends audio. With the bot's classifier, the final transcript is the recognizer's reading the bot
 * understands best (see {@link intentRankedSpeech}); while the bot waits for an answer, the likeliest reading that
 * gives it (see {@link answerFirstSpeech}).
 */
export function lazyVoiceServices(voice: VoiceOptions, bot: VoiceBot, log: Logger): () => VoiceAvailability {
  let made: VoiceAvailability | undefined;
  return () => {
    if (made) return made;
    const recognizer = voice.stt ? { stt: voice.stt } : embeddedRecognizer(log);
    made = recognizer.stt
      ? {
          bot,
          registry: bot.registry,
          ...(voice.store ? { store: voice.store } : {}),
          stt: answerFirstSpeech(bot.classifier ? intentRankedSpeech(recognizer.stt, bot.classifier) : recognizer.stt, bot.registry, bot.classifier ? { classifier: bot.classifier } : {}),
          tts: voice.tts ?? embeddedSynthesizer(log),
          messages: { ...defaultVoiceMessages, ...voice.messages },
          completeness: createTurnCompleteness({
            ...(bot.classifier ? { classifier: bot.classifier } : {}),
            examples: bot.registry.examples(),
            entities: bot.registry.entities,
            languages: new Map([...(bot.languages ?? [])].map(([locale, language]) => [locale, { classifier: language.classifier, examples: language.registry.examples() }])),
          }),
        }
      : { unavailable: 'reason' in recognizer ? recognizer.reason : 'voice input is not configured' };
    return made;
  };
}
