/** Words a message may open with before its question: "hey so am I still ok …", "ok, what about …". */
const opener = String.raw`(?:(?:hey|hi|hello|so|ok|okay|oh|um|uh|well|quick question|yeah|also)\b[\s,.!:-]*)*`;
const questionStart = new RegExp(
  String.raw`^\s*${opener}(how|what|what's|whats|when|where|why|which|who|is|are|do|does|did|will|would|should|may|can|could|if|tell me|explain)\b`,
  'i',
);
/** A later clause that asks: ", will you fix it for free", "… ago, am i still ok to send them back", "; what do I do". */
const askingClause =
  /[,;:]\s*(?:(?:and|so|but|then)\s+)?(?:(?:how|what|whats|what's|when|where|why|which|who)\b|(?:is|are|am|do|does|did|can|could|will|would|should|may|have|has)\s+(?:you|i|we|there|it|they|this|that|these|those|your|my|the)\b)/i;

/**
 * A question ("how much does a return cost?", "can I return a swimsuit?", "hey so am I still ok to send them back",
 * "I cracked the screen, will you fix it for free") rather than a statement or an order.
 */
export function isQuestion(text: string): boolean {
  return questionStart.test(text) || /\?\s*$/.test(text) || askingClause.test(text);
}

const clearQuestion =
  /^\s*((how|what|what's|whats|when|where|why|which|who)\b|(is|are|do|does|did|can|could|will|would|should|may)\s+(you|i|we|there|it|they|this|that|your|the)\b)/i;

/**
 * A question, told apart strictly enough that a free-text answer is not mistaken for one: it ends with "?", or
 * opens with a question word or an inverted verb ("do you…", "is there…"). "is broken" and "did not fit" are
 * answers, not questions.
 */
export function isClearQuestion(text: string): boolean {
  return /\?\s*$/.test(text) || clearQuestion.test(text);
}

const request = /\b(i\s+(want|need|wish|would like|'d like)|i'd like|can you|could you|would you|please|help me|let's|let me)\b|^\s*(can|could|may)\s+i\b/i;
const informationWords = /\b(how|what|when|why|which|policy|policies|rules?|long|much|cost|allowed)\b/i;

/** Asks how things are done or what the rules are ("what is the return policy for shoes?", "how long …"), in English words. */
export function asksForInformation(text: string): boolean {
  return informationWords.test(text);
}

/**
 * A turn that asks the bot to act ("I want to return my jacket", "can you open a return?", "can I send something
 * back?"), not only to explain ("what is the refund policy for sale items?", "how long do refunds take?").
 */
export function asksForAction(text: string): boolean {
  return !isQuestion(text) || (request.test(text) && !informationWords.test(text));
}
