import type { Logger } from 'pino';
import type { TurnHandler, TurnInterrupter } from '../../core/contracts/turn-handler.ts';
import type { SkillRegistry } from '../../core/skill-registry.ts';
import { embeddedRecognizer, embeddedSynthesizer } from './embedded-speech.ts';
import type { VoiceServices } from './spoken-turn.ts';
import type { VoiceOptions } from './voice-options.ts';
import { defaultVoiceMessages } from './voice-messages.ts';

/** The services of spoken turns, or why there are none. */
export type VoiceAvailability = VoiceServices | { unavailable: string };

/**
 * The voice services of a server, made on first use (the embedded recognizer costs a second to load, which a
 * server that never hears audio should not pay); a missing recognizer is said once to the log and then to every
 * client that sends audio.
 */
export function lazyVoiceServices(voice: VoiceOptions, bot: TurnHandler & TurnInterrupter & { registry: SkillRegistry }, log: Logger): () => VoiceAvailability {
  let made: VoiceAvailability | undefined;
  return () => {
    if (made) return made;
    const recognizer = voice.stt ? { stt: voice.stt } : embeddedRecognizer(log);
    made = recognizer.stt
      ? {
          bot,
          registry: bot.registry,
          ...(voice.store ? { store: voice.store } : {}),
          stt: recognizer.stt,
          tts: voice.tts ?? embeddedSynthesizer(log),
          messages: { ...defaultVoiceMessages, ...voice.messages },
        }
      : { unavailable: 'reason' in recognizer ? recognizer.reason : 'voice input is not configured' };
    return made;
  };
}
