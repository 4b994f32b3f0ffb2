/**
 * The one vocabulary between understanding (classifier or model) and execution. Every turn is turned
 * into a short list of these; the executor applies them under guards.
 */
export type DialogueCommand =
  /** Start (push) the flow of a skill. */
  | { type: 'start_flow'; flow: string }
  /**
   * Fill a slot of the active flow. `unrecognized`: the slot's entity found nothing in the turn and `value` is the
   * user's words as written, which only a free-text, lookup or learned slot may take.
   */
  | { type: 'set_slot'; name: string; value: unknown; unrecognized?: true }
  /** Replace a slot already filled (in the active flow, or the flow that just finished). */
  | { type: 'correct_slot'; name: string; value: unknown }
  /** Cancel the active flow. */
  | { type: 'cancel_flow' }
  /** Ask which of these intents the user meant. */
  | { type: 'clarify'; options: string[] }
  /** Hand the conversation to a person. */
  | { type: 'handoff'; reason: string }
  /** Run a skill command with these arguments (checked against the command's schema). */
  | { type: 'call_command'; name: string; args: Record<string, unknown> }
  /**
   * Answer with a passage from the knowledge base, naming its source; `offer` suggests an intent's flow after
   * it. `written`: the model already wrote (and streamed) an answer from the passage, so only the source is added.
   */
  | { type: 'answer'; text: string; source: string; offer?: string; written?: boolean; /** What a voice reply speaks (the lead sentence); default `text`. */ speak?: string; /** The quoted section alone, for a model to answer from; default `text`. */ passage?: string; /** The nearest passage, which may not answer exactly this: the reply says so. */ tentative?: boolean }
  /**
   * The knowledge base has nothing on the question: say so and offer a person. `offTopic`: the
   * classifier read it as something the bot is not for, so no language model is asked either. `offer`: the
   * question was about something this intent's flow does ("what is the return policy for shoes?"): say the
   * documents don't say and offer the flow instead of a person (nor is a model asked, which could start it).
   */
  | { type: 'not_found'; offTopic?: true; offer?: string }
  /** Small talk: reply without touching flows. */
  | { type: 'chitchat'; text: string }
  /** Help for the current situation (the active flow's help inside a form). */
  | { type: 'help' }
  /** The user's answer to a pending confirmation. */
  | { type: 'confirm'; accepted: boolean }
  /** Nothing matched: the fallback with suggestions. `offTopic` as for `not_found`. */
  | { type: 'fallback'; offTopic?: true }
  /** Another request of the same message: start this flow with these slots when the active one ends, and say so. */
  | { type: 'queue_flow'; flow: string; slots: Record<string, unknown> };

/** The names of {@link DialogueCommand} variants. */
export type DialogueCommandType = DialogueCommand['type'];
