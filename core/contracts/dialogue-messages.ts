/** What the dialogue says on its own. Override any of them with the bot's `messages` option. */
export interface DialogueMessages {
  fallback: string;
  generalHelp: string;
  nothingToCancel: string;
  cancelled: (description: string) => string;
  resume: (description: string) => string;
  corrected: (label: string, value: string) => string;
  clarify: (first: string, second: string) => string;
  answerYesOrNo: string;
  declined: string;
  confirmCommand: (description: string) => string;
  handoff: string;
  stillHandedOff: string;
  backFromHandoff: string;
  commandFailed: (description: string) => string;
  verificationRequired: string;
  tooManyAttempts: string;
  helpInFlow: (description: string) => string;
  yes: string;
  no: string;
  stateReset: string;
  notFound: string;
  talkToPerson: string;
  /** Asked before a flow with a side effect still to run is dropped (unless the flow sets its own `cancelQuestion`). */
  confirmCancel: (description: string) => string;
  /** Said when the user answers "no" to {@link DialogueMessages.confirmCancel}; the flow's question follows. */
  carryOn: string;
  /** Said when a "correction" repeats the value a slot already has. */
  unchanged: (label: string, value: string) => string;
  /** Said when a word was taken for a value it misspells ("larg" for "large"). */
  understoodAs: (written: string, value: string) => string;
  /** Said when a slot's answer is none of its entity's values. */
  chooseOne: (label: string, options: readonly string[]) => string;
  /**
   * Said when the answer to a slot of a typed entity (a date, a number, an e-mail address…) holds none; the slot's
   * question follows. Default English.
   */
  notUnderstood?: (label: string) => string;
  /** Said when a message asked for several flows: this one waits until the one started ends. Default English. */
  queued?: (description: string) => string;
  /** Said when a queued flow starts. Default English. */
  nextRequest?: (description: string) => string;
  /** Asked after a knowledge answer to a question about something the bot can also do (the intent's title). Default English. */
  offerAction?: (title: string) => string;
  /** Said when the documents do not answer a question about something the bot can do, offering it (the intent's title). Default English. */
  notFoundOffer?: (title: string) => string;
  /** Said before the nearest passage when the documents may not answer exactly what was asked. Default English. */
  tentativeAnswer?: string;
  /** Said when the user cannot answer a slot's question ("I don't know it"), after the slot's `help`. Default English. */
  withoutAnswer?: string;
  /** Said when a slot's number is outside its schema's limit (one of `min`, `max`; `inclusive` unless "under"/"over"). Default English. */
  outOfRange?: (label: string, limit: { min?: number; max?: number; inclusive: boolean }) => string;
  /** Said when a slot's schema refuses a value in the library's own words ("Invalid string: must match pattern …"). Default English. */
  notValid?: (label: string) => string;
  /** A list slot's values as the bot says them ("pepperoni, olives and ham"). Default English. */
  listOf?: (values: readonly string[]) => string;
}

/**
 * An intent's title (a button label in the user's words: "Renew my loans") as the bot offers it: first letter lower
 * case, the user's "my" turned to "your" ("renew your loans"), and Spanish "mi"/"mis" to "tu"/"tus".
 */
export function titleAsOffered(title: string): string {
  const words: Record<string, string> = { my: 'your', mine: 'yours', myself: 'yourself', mi: 'tu', mis: 'tus' };
  const lowered = `${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  return lowered.replace(/(?<![\p{L}'])(?:my|mine|myself|mi|mis)(?![\p{L}'])/giu, (word) => words[word.toLowerCase()] ?? word);
}

/** The defaults of {@link DialogueMessages}. */
export const defaultDialogueMessages: DialogueMessages = {
  fallback: "Sorry, I didn't understand that. Here is what I can help with:",
  generalHelp: 'Here is what I can help with:',
  nothingToCancel: "There's nothing to cancel. How can I help?",
  cancelled: (description) => `Okay, I've stopped: ${description}.`,
  resume: (description) => `Back to where we were: ${description}.`,
  corrected: (label, value) => `Got it, I've changed the ${label} to ${value}.`,
  clarify: (first, second) => `Did you mean "${first}" or "${second}"?`,
  answerYesOrNo: 'Please answer yes or no.',
  declined: "Okay, I won't do that.",
  confirmCommand: (description) => `Shall I ${description}?`,
  handoff: "I'm handing you over to a person. Someone from our team will reply here shortly.",
  stillHandedOff: 'A person from our team will reply here shortly. Say "cancel" to continue with me instead.',
  backFromHandoff: "Okay, you're back with me. How can I help?",
  commandFailed: (description) => `Sorry, something went wrong while I tried to ${description}. Please try again later.`,
  verificationRequired: 'I need to know who you are before I can do that. Please sign in and try again.',
  tooManyAttempts: "Let's leave that for now. Is there anything else I can help with?",
  helpInFlow: (description) => `We're working on this: ${description}. Answer the question, or say "cancel" to stop.`,
  yes: 'Yes',
  no: 'No',
  stateReset:
    "Sorry, I was updated and couldn't pick up where we left off, so we're starting fresh. How can I help?",
  notFound: "I couldn't find anything about that in our help articles, and I'd rather not guess. Would you like to talk to a person?",
  talkToPerson: 'Talk to a person',
  confirmCancel: (description) => `Do you want to stop ${description}?`,
  carryOn: "Okay, let's carry on.",
  unchanged: (label, value) => `The ${label} is already ${value}.`,
  understoodAs: (written, value) => `I took "${written}" to mean ${value}.`,
  chooseOne: (label, options) =>
    `Please choose a ${label}: ${options.length > 1 ? `${options.slice(0, -1).join(', ')} or ${options.at(-1)}` : options.join('')}.`,
  notUnderstood: (label) => `Sorry, I didn't catch the ${label}.`,
  queued: (description) => `I'll come to ${description} next.`,
  nextRequest: (description) => `Now, ${description}.`,
  offerAction: (title) => `Would you like to ${titleAsOffered(title)}?`,
  notFoundOffer: (title) =>
    `Our help articles don't say, and I'd rather not guess. Would you like to ${titleAsOffered(title)}?`,
  tentativeAnswer: "I'm not sure our help articles answer exactly that. This is the closest they come:",
  listOf: (values) => new Intl.ListFormat('en', { type: 'conjunction' }).format(values),
  outOfRange: (label, { min, max, inclusive }) =>
    max !== undefined
      ? `The ${label} ${inclusive ? 'can be at most' : 'must be less than'} ${max}.`
      : `The ${label} must be ${inclusive ? 'at least' : 'more than'} ${min}.`,
  notValid: (label) => `That doesn't look like a valid ${label}.`,
  withoutAnswer: 'No problem: if you can\'t give it now, say "cancel" to stop, or ask for a person.',
};
