import type { SkillRegistry } from '../skill-registry.ts';
import type { DialogueMessages } from '../contracts/dialogue-messages.ts';
import type { DialoguePolicy } from '../contracts/dialogue-policy.ts';

/** What the dialogue's pure logic needs besides the context: the bot's skills and settings. */
export interface DialogueEnvironment {
  registry: SkillRegistry;
  policy: DialoguePolicy;
  messages: DialogueMessages;
  /** The bot's data, given to flows and commands. */
  data: Readonly<Record<string, unknown>>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** True when the bot has a language model for turns the classifier cannot route. */
  hasModel?: boolean;
  /**
   * "classifier" (default): the classifier routes confident turns and the model gets the rest; "model": every
   * turn that answers no pending question goes through the model, with the classifier's reading in context.
   */
  routing?: 'classifier' | 'model';
  /**
   * With a model: "generate" (default) has it write knowledge answers from the chosen passage only, with the
   * source added after; "quote" quotes the passage, as without a model.
   */
  knowledgeAnswers?: 'quote' | 'generate';
}
