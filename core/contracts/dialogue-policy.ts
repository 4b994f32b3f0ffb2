/** Thresholds of the dialogue policy. All confidences are the classifier's probabilities in [0, 1]. */
export interface DialoguePolicy {
  /** Below this the turn is not understood (fallback, or the model when there is one). Default 0.4. */
  minConfidence: number;
  /** While a question is pending, another intent interrupts (cancel, help, digression) only above this. Default 0.65. */
  interruptConfidence: number;
  /** When the top two intents are closer than this, the bot asks which was meant. Default 0.12. */
  clarifyMargin: number;
  /** The second intent must reach this to be offered in a clarification. Default 0.25. */
  clarifyMinConfidence: number;
  /**
   * While a free-text slot is asked, another intent interrupts only above this confidence and when the text
   * shares at least `freeTextInterruptOverlap` of its words with one of that intent's examples. Default 0.8.
   */
  freeTextInterruptConfidence: number;
  /** Word overlap (Jaccard, in [0, 1]) with the nearest example needed to interrupt a free-text slot. Default 0.5. */
  freeTextInterruptOverlap: number;
  /** Commands one turn may run. Default 3. */
  maxCommandsPerTurn: number;
  /**
   * A question routed to an intent that does not answer from the documents, with a confidence below this, is
   * answered from the documents instead when they clearly answer it (the intent's action offered). 0 turns it off.
   * Default 0.8.
   */
  knowledgeOverIntentConfidence: number;
}

/** The defaults of {@link DialoguePolicy}. */
export const defaultDialoguePolicy: DialoguePolicy = {
  minConfidence: 0.4,
  interruptConfidence: 0.65,
  clarifyMargin: 0.12,
  clarifyMinConfidence: 0.25,
  freeTextInterruptConfidence: 0.8,
  freeTextInterruptOverlap: 0.5,
  maxCommandsPerTurn: 3,
  knowledgeOverIntentConfidence: 0.8,
};
