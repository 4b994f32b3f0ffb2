/** How a clause opens when it is a request or a question of its own, not a list item ("shoes and socks") or context. */
const requestStart =
  /^(?:what|what's|whats|where|where's|wheres|when|why|which|who|how|is|are|do|does|did|can|could|will|would|should|may|please|tell|show|give|track|check|find|start|open|return|cancel|send|get|help|talk|connect|i\s+(?:want|need|would like|'d like)|i'd like|id like)\b/i;

/**
 * A bare verb after "and" usually goes on the same request ("can I cancel Plus and get my money back", "return it
 * and send a label"), so a weak joiner does not split before one.
 */
const sharedSubjectVerb = /^(?:get|give|send|return|cancel|track|check|find|start|open|help|talk|connect)\b/i;

/**
 * Joiners between two requests, strongest first; "and" alone splits only before a clause that opens like a request.
 * A sentence ends at a full stop before a capital, or before a lower-case clause that opens like a request or question
 * (chat is often typed in lower case: "check order 71203 for me. how much is next day delivery?").
 */
const sentenceEnd = /(?<=[a-z0-9)])[.!]\s+(?=[A-Z])/g;
const lowerCaseSentenceEnd = /(?<=[a-z0-9)])[.!]\s+(?=[a-z¿])/g;
/** English "and also", "also", Spanish "y también", "también", "además" (Spanish words end at a letter, not `\b`). */
const strongJoiner =
  /\s*(?:;|\?(?=\s*\S)|,?\s+and\s+also\s+|,?\s+(?:also|as well as that|besides that)\s*,?\s+(?=\S)|,?\s+and\s+one\s+more\s+thing\s*,?\s*|,?\s+y\s+(?:también|además)\s*,?\s+|,\s*(?:también|además)\s*,?\s+)\s*/i;
/**
 * "plus" and "and then" join two requests only before one ("… plus what are your hours", "track my order and then
 * tell me the hours"): "cancel Plus and …" names a product, "I paid for a lost book and then found it" tells a story.
 */
const plusJoiner = /\s*(?:,?\s+plus\s*,?|,?\s+and\s+then|,?\s+then|,?\s+y\s+(?:luego|después|despues)|,\s*(?:luego|después|despues))\s+(?=\S)/i;
const weakJoiner = /\s*(?:,\s*and\s+|\s+and\s+|,\s+)(?=\S)/i;

/**
 * A clause that asks about what the one before it named ("where can I park and is it free", "… and does that cost
 * extra"): its subject is a pronoun pointing back, so alone it asks about nothing and it stays with that request.
 */
const pointsBack = /^(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have)\s+(?:it|that|this|they|those|these|them)\b/i;

/**
 * A question that cannot be part of the clause before it: a question word, then (after at most one word) an inverted
 * verb and a subject of its own ("… and what time do you close on friday?"; not "… and how much does it cost"). "and" splits
 * before one whatever the first clause opens with, so a request in the bot's own verbs ("reserve a room for friday")
 * does not swallow the question after it.
 */
const invertedQuestion =
  /^(?:what|when|where|why|which|who|how)(?:\s+[\p{L}']+)?\s+(?:do|does|did|is|are|was|were|can|could|will|would|should)\s+(?!(?:it|that|this|they|those|these|them)\b)[\p{L}']+/iu;
const andJoiner = /\s*,?\s+(?:and|y)\s+(?=\S)/i;
/** A Spanish question word (accented, so never a conjunction) or "¿" opening the clause after "y": "… y a qué hora abre?". */
const spanishQuestion = /^(?:(?:a|en|de|por|para|desde|hasta)\s+)?(?:¿|(?:qué|dónde|adónde|cuándo|cuánto|cuánta|cuántos|cuántas|cómo|cuál|cuáles|quién)(?=[\s,.;:!?]|$))/iu;

/**
 * Two questions typed as one run-on sentence ("where is the chicago store what time do you open on saturday"): a
 * question that opens with a question word, then, with no joiner, a second question word with an inverted verb. Not
 * after a verb that embeds the question ("I want to know what time you close", "can you tell me what time …").
 */
const runOnJoiner = /\s+(?=(?:what|when|where|why|which|who|how)\s)/i;
const questionOpening = /^\s*(?:what|what's|whats|where|where's|wheres|when|why|which|who|how|is|are|do|does|can|could)\b/i;
const embeds = /\b(?:know|tell|ask|asking|wonder|wondering|sure|me|see|find out|explain|show|if|whether)\s*$/i;
// The second question needs a subject of its own ("what time do you open"): "where can I park how much is it" asks one thing.
const runOnQuestions = (left: string, right: string) =>
  questionOpening.test(left) && !embeds.test(left) && wordCount(left) >= 3 && invertedQuestion.test(right);

const leadingJoiner = /^(?:(?:and|also|then|plus|oh|first|firstly|first of all|y|también|además|luego|después|primero)(?![\p{L}])[\s,]*)+/iu;
/** What a request may open with before its verb ("first", "I want to", "please", "can you"): `orderOf` reads past it. */
const requestPreamble =
  /^(?:(?:first(?:ly)?|then|and|also|please|pls|can you|could you|would you|will you|i\s+(?:want|need|would like)\s+to|i'd like to|id like to|i'd also like to)\s+)+/i;

/** Fewest words a part needs to stand as a request ("and Boston?" does not). */
const minWords = 2;

const wordCount = (text: string) => (text.match(/[\p{L}\p{N}']+/gu) ?? []).length;

function splitOn(text: string, joiner: RegExp, accept: (left: string, right: string) => boolean): string[] {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const global = new RegExp(joiner.source, 'gi');
    let cut: { index: number; length: number } | undefined;
    for (const match of rest.matchAll(global)) {
      const left = rest.slice(0, match.index);
      const right = rest.slice(match.index + match[0].length);
      if (wordCount(left) >= minWords && wordCount(right) >= minWords && accept(left, right)) {
        cut = { index: match.index, length: match[0].length };
        break;
      }
    }
    if (!cut) break;
    const separator = rest.slice(cut.index, cut.index + cut.length);
    parts.push(`${rest.slice(0, cut.index)}${separator.trim().startsWith('?') ? '?' : ''}`.trim());
    rest = rest.slice(cut.index + cut.length);
  }
  parts.push(rest.trim());
  return parts.map((p) => p.replace(leadingJoiner, '')).filter((p) => p !== '');
}

/** Options of {@link splitRequests}. */
export interface SplitRequestsOptions {
  /**
   * The intent a clause orders in the bot's own words ("renew my books" → "renew_loans"), if any: "and" or a comma
   * between orders for two different intents splits, whatever their verbs. Default: none (English request cues only).
   */
  orderOf?: (clause: string) => string | undefined;
}

/**
 * Splits a message into the requests it makes, in order: at sentence ends, question marks followed by more text,
 * semicolons, "and also", "also"; at "plus" and "and then" before a clause that opens like a request; at "and" before a
 * question with an inverted verb ("… and what time do you close?"); and at "and" or a comma only when both sides open like a request
 * ("where is … 12345 and what are your opening hours?") or orders for two intents (`orderOf`), so "swimwear and underwear" and "I bought it ten days
 * ago, is it too late?" stay one. A message with one
 * request comes back as it is, alone.
 *
 * @example
 * splitRequests('where is my order 12345 and also what are your opening hours?')
 * // ['where is my order 12345', 'what are your opening hours?']
 */
export function splitRequests(text: string, options: SplitRequestsOptions = {}): string[] {
  const sentences = text
    .trim()
    .split(sentenceEnd)
    .flatMap((sentence) => splitOn(sentence, lowerCaseSentenceEnd, (_, right) => requestStart.test(right) || spanishQuestion.test(right)))
    .filter((s) => wordCount(s) > 0);
  // A sentence too short to be a request ("Hi.", "Thanks!") stays with the next one.
  const merged = sentences.reduce<string[]>((out, s) => {
    const last = out.at(-1);
    if (last !== undefined && wordCount(last) < minWords) out[out.length - 1] = `${last} ${s}`;
    else out.push(s);
    return out;
  }, []);
  const orderOf = (clause: string) => options.orderOf?.(clause.replace(requestPreamble, ''));
  const strong = merged
    .flatMap((sentence) => splitOn(sentence, strongJoiner, () => true))
    .flatMap((part) => splitOn(part, plusJoiner, (_, right) => requestStart.test(right) || spanishQuestion.test(right) || orderOf(right) !== undefined));
  // Two orders in the bot's own verbs are two requests: for different intents ("renew my books, book a study room for
  // monday", "I want to return order 45210 and track order 12345"), or for the same one with a number each names
  // ("track order 30112, track order 28734").
  const twoOrders = (left: string, right: string) => {
    const first = orderOf(left);
    const second = first === undefined ? undefined : orderOf(right);
    if (second === undefined) return false;
    if (second !== first) return true;
    const [a, b] = [left, right].map((clause) => clause.match(/\d+/g)?.join(' '));
    return a !== undefined && b !== undefined && a !== b;
  };
  // A request in the bot's own verbs ("order a pizza please", "report a missed green bin") opens a request as "where …"
  // or "tell me …" do.
  const opensRequest = (clause: string) => requestStart.test(clause) || orderOf(clause) !== undefined;
  // Two orders of one intent are one request ("renew my books and renew my dvds") unless each names its own number.
  const sameOrder = (left: string, right: string) => orderOf(left) !== undefined && orderOf(left) === orderOf(right);
  const bothRequests = (left: string, right: string) =>
    (opensRequest(left) && opensRequest(right) && !sharedSubjectVerb.test(right) && !pointsBack.test(right) && !sameOrder(left, right)) ||
    twoOrders(left, right);
  return strong
    .flatMap((part) => splitOn(part, andJoiner, (_, right) => invertedQuestion.test(right) || spanishQuestion.test(right)))
    .flatMap((part) => splitOn(part, weakJoiner, bothRequests))
    .flatMap((part) => splitOn(part, runOnJoiner, runOnQuestions));
}
