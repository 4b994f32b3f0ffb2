/** How a question shows in one language: how it opens (after greetings and fillers), and a later clause that asks. */
export interface QuestionCues {
  start: RegExp;
  clause: RegExp;
}

/** Words a message may open with before its question: "hey so am I still ok …", "ok, what about …". */
const englishOpener = String.raw`(?:(?:hey|hi|hello|so|ok|okay|oh|um|uh|well|quick question|yeah|also)\b[\s,.!:-]*)*`;
/** Spanish words with accents end where a letter ends (`\b` is ASCII-only in JavaScript). */
const wordEnd = String.raw`(?=[\s,.;:!?¿¡]|$)`;

/**
 * Question cues by language (BCP 47 primary subtag). English: question words and inverted verbs ("do you", "is
 * there"); Spanish: accented question words ("qué", "cómo", "cuánto" — unaccented "como", "cuando" are also
 * conjunctions), "puedo", "se puede", and the opening "¿".
 */
export const questionCues: Readonly<Record<string, QuestionCues>> = {
  en: {
    start: new RegExp(
      String.raw`^\s*${englishOpener}(how|what|what's|whats|when|where|why|which|who|is|are|am|do|does|did|will|would|should|may|can|could|if|tell me|explain)\b`,
      'i',
    ),
    clause:
      /[,;:]\s*(?:(?:and|so|but|then)\s+)?(?:(?:how|what|whats|what's|when|where|why|which|who)\b|(?:is|are|am|do|does|did|can|could|will|would|should|may|have|has)\s+(?:you|i|we|there|it|they|this|that|these|those|your|my|the)\b)/i,
  },
  es: {
    start: new RegExp(
      String.raw`^\s*(?:(?:hola|oye|buenas|bueno|vale|pues)[\s,.!]+)*(?:¿|(?:qué|cómo|cuándo|dónde|adónde|cuánto|cuánta|cuántos|cuántas|cuanto|cuanta|cuantos|cuantas|por qué|cuál|cuáles|quién|puedo|podría|se puede)${wordEnd})`,
      'i',
    ),
    clause: new RegExp(String.raw`[,;:]\s*(?:y\s+)?(?:¿|(?:qué|cómo|cuándo|dónde|cuánto|cuánta|cuántos|cuántas|puedo|se puede)${wordEnd})`, 'i'),
  },
};

/**
 * A question ("how much does a return cost?", "can I return a swimsuit?", "hey so am I still ok to send them back",
 * "I cracked the screen, will you fix it for free", "cuánto cuesta el envío") rather than a statement or an order.
 * With `language` (a BCP 47 tag, e.g. the turn's locale), only that language's cues count (and a closing "?");
 * without, or for a language with no cues, any language's.
 */
export function isQuestion(text: string, language?: string): boolean {
  if (/\?\s*$/.test(text)) return true;
  const own = language ? questionCues[language.split('-')[0]!.toLowerCase()] : undefined;
  return (own ? [own] : Object.values(questionCues)).some((cue) => cue.start.test(text) || cue.clause.test(text));
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
export function asksForAction(text: string, language?: string): boolean {
  return !isQuestion(text, language) || (request.test(text) && !informationWords.test(text) && !askedUnderCondition(text));
}

/** "can I …" under a condition: "can I return something I bought on sale?", "can I send it back if it was opened?". */
const permission = /^\s*(?:(?:hi|hey|hello|so|ok|okay)[\s,]+)?(?:can|could|may)\s+(?:i|we)\b/i;
const condition = /\b(?:if|after|before|without|unless|once|(?:i|we)\s+(?:bought|got|received|ordered|purchased|paid|used|opened|wore))\b/i;

/** A permission question ("can I …?") whose condition makes it a question about the rules, not an order. */
function askedUnderCondition(text: string): boolean {
  return permission.test(text) && condition.test(text);
}
