import type { Reply } from './reply.ts';

/** What a recognised intent does when it is not handled by a flow of the same name. */
export type IntentAction =
  /** Cancel the active flow. */
  | 'cancel'
  /** Help for the current situation. */
  | 'help'
  /** Hand the conversation to a person. */
  | 'handoff';

/** An intent a skill teaches the classifier. */
export interface IntentDefinition {
  /** Example utterances (at least a handful; 25+ varied ones generalise well). */
  examples: readonly string[];
  /** Short label for suggestions and clarification questions: "Track an order". */
  title?: string;
  /** Flow started by the intent. Default: the flow with the intent's name, if any. */
  flow?: string;
  /** A built-in dialogue action instead of a flow. */
  action?: IntentAction;
  /** A one-step answer (no flow needed). */
  response?: Reply;
  /**
   * Questions recognised as this intent ("how much does a return cost?") are answered from the knowledge
   * base when it has a relevant passage; a flow that runs a command is then offered as a suggestion.
   * Requests ("I want to return this") still start the flow. Default false.
   */
  knowledge?: boolean;
  /** Offered among the fallback's and help's suggestions. Default true. */
  suggest?: boolean;
  /**
   * Marks a social exchange rather than a request: "greeting" (the dialogue reads a message that opens with a hello
   * again without it: "hi, where is my order?"), "goodbye" or "thanks". Such an intent is never what a greeting's
   * rest asks for. The built-in greet, goodbye and thanks intents set it; a bot that names its own sets it too.
   * Default: none.
   */
  smallTalk?: SmallTalkKind;
}

/** What kind of social exchange an intent is ({@link IntentDefinition.smallTalk}). */
export type SmallTalkKind = 'greeting' | 'goodbye' | 'thanks';
