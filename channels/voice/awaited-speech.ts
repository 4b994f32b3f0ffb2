import type { SkillRegistry } from '../../core/skill-registry.ts';
import type { AwaitedSpeech } from '../web/protocol.ts';
import { readAsDigits } from './entity-phrases.ts';
import type { SpokenAnswer } from './spoken-answer.ts';

/**
 * How the widget should wait for the end of the user's next utterance, from what the bot awaits: `digits` for a
 * slot read out as a digit string (an order id, a phone number: people pause between groups), `free` for any other
 * answer, `none` when the bot awaits nothing in particular.
 */
export function awaitedSpeech(registry: SkillRegistry, awaited: SpokenAnswer | undefined): AwaitedSpeech {
  if (!awaited) return 'none';
  if (awaited.kind !== 'slot' || !awaited.entity) return 'free';
  return readAsDigits(registry.entities[awaited.entity]) ? 'digits' : 'free';
}
