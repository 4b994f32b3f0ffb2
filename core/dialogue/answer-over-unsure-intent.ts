import type { DialogueCommand } from '../dialogue-command.ts';
import type { SkillRegistry } from '../skill-registry.ts';
import { answerCommand, asksAboutOtherAction, flowActs, isExplicitRequest } from './knowledge-or-action.ts';
import { isQuestion } from './is-question.ts';
import type { KnowledgeReading } from './understanding.ts';

/** Half a rare word's worth of the question found in the passage (as `isPlausibleKnowledgeHit` asks). */
const minEvidence = 0.5;

/** What {@link answerOverUnsureIntent} decides on. */
export interface UnsureIntentTurn {
  registry: SkillRegistry;
  /** The classifier's intent, confident enough to act on, that does not answer from the documents. */
  intent: string;
  confidence: number;
  text: string;
  locale?: string;
  /** The passage the documents clearly answer with (strict relevance), if any. */
  knowledge: KnowledgeReading | null | undefined;
  /** The turn names a value of one of the intent's slots ("the Boston store"): the intent is meant. */
  namesSlotValue: boolean;
  /** `DialoguePolicy.knowledgeOverIntentConfidence`. */
  below: number;
}

/**
 * A question the classifier routes, without much certainty, to an intent that does not look in the documents ("do
 * you guys accept crypto?" read as opening hours at 0.67, "how many days do I have to change my mind?" as a
 * cancel) is answered from the documents when they clearly answer it with at least half a rare word of the
 * question, the intent's flow offered when it acts. A request ("can you open a return?"; not "can I change …" when
 * the intent's examples never say "change"), a slot value of the intent, or a confidence at or above `below` keeps the
 * intent. `undefined` when the rule does not apply.
 */
export function answerOverUnsureIntent(turn: UnsureIntentTurn): DialogueCommand[] | undefined {
  const { registry, intent, confidence, text, locale, knowledge } = turn;
  // A passage that shares only common words with the question ("how's your day going?") does not outweigh an intent.
  if (!knowledge || (knowledge.evidence ?? 0) < minEvidence || turn.namesSlotValue || confidence >= turn.below || registry.intents.get(intent)?.knowledge === true) return undefined;
  // "can I change my email address?" read as a store's address asks about an action the intent never speaks of.
  if (!isQuestion(text, locale) || (isExplicitRequest(text) && !asksAboutOtherAction(registry, intent, text))) return undefined;
  return [answerCommand(knowledge, flowActs(registry, intent) ? intent : undefined)];
}
