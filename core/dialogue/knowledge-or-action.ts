import { englishStopWords } from '../../engine/knowledge/english-stop-words.ts';
import { createKnowledgeAnalyzer, type KnowledgeAnalyzer } from '../../engine/knowledge/knowledge-analyzer.ts';
import { editDistance, typoAllowance } from '../../engine/nlu/edit-distance.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { SkillRegistry } from '../skill-registry.ts';
import { isEllipticalFollowUp } from './follow-up.ts';
import { asksForInformation, isQuestion } from './is-question.ts';
import type { KnowledgeReading } from './understanding.ts';

/** "I want/need/'d like …", "can/could/would you …", "please …", "help me …", "let's …", "can I …" + an action verb. */
const requestPhrase =
  /\b(?:(?:i\s+(?:want|need|wish|would like|'d like)|i'd like|id like)(?!\s+to\s+(?:know|understand|ask|learn|find\s+out|hear|see\s+if|see\s+whether)\b)|can you|could you|would you|will you|please|pls|help me|let's|lets|let me|i'm trying to|im trying to)\b|^\s*(?:can|could|may)\s+i\s+(?:start|open|make|do|get|have|return|send|track|check|cancel|change)\b/i;
/** Spanish "quiero/necesito/quisiera + an infinitive" ("quiero devolver mi chaqueta"), not wanting to know ("quiero saber …"). */
const spanishRequest =
  /(?<![\p{L}])(?:quiero|quisiera|necesito|deseo|me\s+gustar[íi]a|puedes|podr[íi]as|por\s+favor)\s+(?!saber|conocer|preguntar|entender|consultar|informarme|averiguar)\p{L}+(?:ar|er|ir)(?:lo|la|los|las|me|te|se|nos)?(?![\p{L}])/iu;
/** Nouns that name a policy rather than an action: "return policy", "refund window", "exchange fees". */
const ruleNouns = 'policy|policies|rules?|window|deadline|fees?|costs?|terms|conditions|period';
const namedRules = new RegExp(String.raw`\b(?:${ruleNouns})\b`, 'i');
const personal = /\b(?:i|im|i'm|my|me|please|pls)\b/i;
/** The policy nouns of at least 5 letters, matched with a typo too ("polcy", "polciy", "dedline"). */
const longRuleNouns = ['policy', 'policies', 'rules', 'window', 'deadline', 'terms', 'conditions', 'period'];

/** Names a policy noun ("policy", "rules", "terms"…), spelt right or with a typo. */
export function mentionsRuleNoun(text: string): boolean {
  if (namedRules.test(text)) return true;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.some((word) => word.length >= 5 && longRuleNouns.some((noun) => editDistance(word, noun, typoAllowance(noun.length)) <= typoAllowance(noun.length)));
}

/**
 * A short phrase that names a policy without asking anything ("refund policy", "return window for electronics",
 * "retrun polcy"): it stands for the question about it, so it is answered, never taken for an order.
 */
export function namesRules(text: string): boolean {
  return !/\?\s*$/.test(text) && !personal.test(text) && text.trim().split(/\s+/).length <= 8 && mentionsRuleNoun(text);
}

/**
 * A message that opens with an order ("track my order", "start a return", "return order 12345"); not a noun that
 * starts a statement ("refund still not on my card", "return was never processed").
 */
const opener = String.raw`^\s*(?:(?:ok(?:ay)?|so|hi|hey|hello)[\s,]+)?`;
/** What follows a noun that opens a statement ("refund still not on my card", "renewal was refused"). */
const notAnOrder = String.raw`(?!\s+(?:still|not|never|already|is|was|has|hasnt|hasn't|isnt|isn't|wasnt|wasn't|didnt|didn't|doesnt|doesn't|${ruleNouns})\b)`;
const imperative = new RegExp(
  String.raw`${opener}(?:track|trace|check|start|open|begin|return|send|cancel|refund|exchange|find|show|give|get|book|change|connect|transfer|put)\b${notAnOrder}`,
  'i',
);

/**
 * Asks about the state of the user's own order, parcel or return ("has my parcel been sent out yet"): a lookup. "my
 * order arrived damaged" tells of a problem with what came, not of where it is.
 */
const ownThings = String.raw`my\s+(?:order|parcel|package|delivery|shipment|return|refund|stuff|things)`;
const whatCame = String.raw`(?!\s+(?:damaged|broken|cracked|smashed|crushed|wet|torn|opened|open|dirty|stained|faulty|defective|incomplete|empty|wrong|missing|without|with)\b)`;
const personalStatus = new RegExp(
  String.raw`\b(?:where(?:'s|s| is| are)?|has|have|did|is|was|when will|when does|what happened to|status of)\b.*\b${ownThings}\b|\b${ownThings}\b.*\b(?:yet|status|arrive|arrived${whatCame}|come|coming|shipped|sent|where)\b`,
  'i',
);

/**
 * "I've got something to return", "we have two items to send back": what the user has to do, said as a fact — not
 * asked ("how many days do I have to change my mind?").
 */
const somethingToDo =
  /(?<!\b(?:do|does|did|will|would|should|must)\s+)\b(?:i|we)(?:'ve|ve|\s+have|\s+got|'ve\s+got|ve\s+got|\s+have\s+got)\s+(?:(?!how\b|where\b|when\b|why\b|what\b|whether\b|if\b)[\w']+\s+){0,3}?to\s+(?:return|send|exchange|cancel|track|change|book|refund|replace|reorder)\b/i;

/** The user asks the bot to do something (rather than asking about it or stating a problem). */
export function isExplicitRequest(text: string): boolean {
  return requestPhrase.test(text) || spanishRequest.test(text) || imperative.test(text) || personalStatus.test(text) || somethingToDo.test(text);
}

/** The message's first word after an opener, unless it is a noun opening a statement. */
const firstWord = new RegExp(`${opener}([\\p{L}']+)(?![\\p{L}'])${notAnOrder}`, 'iu');
const orderVerbs = new WeakMap<SkillRegistry, Map<string, ReadonlySet<string>>>();

/**
 * The words an intent's own examples open with when they order it ("renew my books", "extend my loans please"): at
 * least two examples that are not questions open with the word, it is not an English function word ("i", "my",
 * "get"), and no other intent's examples open with it — a word that opens several intents' requests ("quiero",
 * "please") says what the user wants to do, not which thing. Read from the bot's examples, so a bot's own verbs
 * ("renew", "reserve") count, in its own language, not only a fixed English list.
 */
function intentOrderVerbs(registry: SkillRegistry, intent: string): ReadonlySet<string> {
  let byIntent = orderVerbs.get(registry);
  if (!byIntent) {
    byIntent = new Map<string, ReadonlySet<string>>();
    orderVerbs.set(registry, byIntent);
    const counts = new Map<string, Map<string, number>>();
    for (const example of registry.examples()) {
      if (isQuestion(example.text)) continue;
      const first = example.text.trim().toLowerCase().match(/^[\p{L}']+/u)?.[0]?.replace(/'/g, '');
      if (!first || englishStopWords.has(first)) continue;
      const perIntent = counts.get(first) ?? new Map<string, number>();
      perIntent.set(example.intent, (perIntent.get(example.intent) ?? 0) + 1);
      counts.set(first, perIntent);
    }
    const verbs = new Map<string, Set<string>>();
    for (const [word, perIntent] of counts) {
      const [only] = perIntent;
      if (perIntent.size !== 1 || !only || only[1] < 2) continue;
      const set = verbs.get(only[0]) ?? new Set<string>();
      set.add(word);
      verbs.set(only[0], set);
    }
    for (const [name, set] of verbs) byIntent.set(name, set);
  }
  return byIntent.get(intent) ?? new Set();
}

/**
 * A message that opens the way the intent's own orders do ("renew my books" for an intent whose examples say "renew
 * my loans", "renew all my items"): a request for its action, even with a verb no fixed list has. A noun opening a
 * statement ("renewal was refused", "book club needs a room") is not one.
 */
export function opensLikeIntentOrder(registry: SkillRegistry, intent: string, text: string): boolean {
  const first = text.match(firstWord)?.[1]?.toLowerCase().replace(/'/g, '');
  return first !== undefined && !isQuestion(text) && intentOrderVerbs(registry, intent).has(first);
}

/**
 * The intent whose flow acts and whose own orders the text opens like ("renew my books" → the renewal intent), for
 * `splitRequests`' `orderOf`; `undefined` when none, or when the opening word orders several intents.
 */
export function orderedIntent(registry: SkillRegistry, text: string): string | undefined {
  const ordering = [...registry.intents.keys()].filter((intent) => flowActs(registry, intent) && opensLikeIntentOrder(registry, intent, text));
  return ordering.length === 1 ? ordering[0] : undefined;
}

const permissionVerb = new RegExp(String.raw`${opener}(?:can|could|may)\s+(?:i|we)\s+(?:still\s+|also\s+|just\s+)?([\p{L}']+)`, 'iu');
const intentWords = new WeakMap<SkillRegistry, Map<string, ReadonlySet<string>>>();

/** Every word of the intent's examples, lower case. */
function wordsOfIntent(registry: SkillRegistry, intent: string): ReadonlySet<string> {
  let byIntent = intentWords.get(registry);
  if (!byIntent) {
    byIntent = new Map();
    intentWords.set(registry, byIntent);
    for (const example of registry.examples()) {
      const set = (byIntent.get(example.intent) as Set<string> | undefined) ?? new Set<string>();
      for (const word of example.text.toLowerCase().match(/[\p{L}']+/gu) ?? []) set.add(word);
      byIntent.set(example.intent, set);
    }
  }
  return byIntent.get(intent) ?? new Set();
}

/**
 * "can I change the delivery address of my order?" routed to the order-status intent: the user asks whether they may
 * do something none of the intent's examples speak of ("change"), so the question is about that, not a request for
 * the intent's flow — it is answered and the flow only offered. "can I send something back" keeps the return (its
 * examples say "send it back").
 */
export function asksAboutOtherAction(registry: SkillRegistry, intent: string, text: string): boolean {
  const verb = text.match(permissionVerb)?.[1]?.toLowerCase();
  return verb !== undefined && !wordsOfIntent(registry, intent).has(verb);
}

/**
 * The one acting intent whose own order verb the text uses ("do I have to pay for **return** shipping?" → the return
 * intent), for offering that action after an answer another intent gave; `undefined` when none or several.
 */
export function actionNamedIn(registry: SkillRegistry, text: string): string | undefined {
  const words = new Set((text.toLowerCase().match(/[\p{L}']+/gu) ?? []).map((w) => w.replace(/'/g, '')));
  const named = [...registry.intents.keys()].filter(
    (intent) => registry.intents.get(intent)?.action === undefined && flowActs(registry, intent) && [...intentOrderVerbs(registry, intent)].some((verb) => words.has(verb)),
  );
  return named.length === 1 ? named[0] : undefined;
}

const pastDeed = /\b(?:i|we)(?:'ve|'d|\s+have|\s+had)?(?:\s+(?:already|just|recently|previously|once))?\s+([\p{L}]+ed)(?![\p{L}])/giu;

/**
 * The user tells of having done the intent's action before ("i booked a pickup for my mattress but I don't need it
 * anymore", "we already ordered one") without asking for it again: a past form of one of the words the intent's own
 * orders open with. Starting the flow would do it a second time.
 */
export function reportsEarlierAction(registry: SkillRegistry, intent: string, text: string): boolean {
  if (isExplicitRequest(text)) return false;
  const verbs = intentOrderVerbs(registry, intent);
  for (const match of text.matchAll(pastDeed)) {
    const past = match[1]!.toLowerCase();
    // booked → book, reserved → reserve, cancelled → cancel
    if ([past.slice(0, -2), past.slice(0, -1), past.slice(0, -3)].some((stem) => verbs.has(stem))) return true;
  }
  return false;
}

/** The intent's flow calls a command with side effects (books, opens a return): what a question must never start. */
export function flowHasSideEffects(registry: SkillRegistry, intent: string): boolean {
  const flow = registry.flows.get(registry.flowForIntent(intent) ?? '');
  return flow?.steps.some((s) => 'call' in s && registry.commands.get(s.call)?.sideEffects === true) ?? false;
}

/** The intent's flow does something (collects answers or calls a command), rather than only replying. */
export function flowActs(registry: SkillRegistry, intent: string): boolean {
  const flow = registry.flows.get(registry.flowForIntent(intent) ?? '');
  return flow?.steps.some((s) => 'call' in s || 'collect' in s) ?? false;
}

/** A knowledge answer as a dialogue command, speaking its lead sentence. */
export function answerCommand(reading: KnowledgeReading, offer?: string): Extract<DialogueCommand, { type: 'answer' }> {
  return {
    type: 'answer',
    text: reading.text,
    source: reading.citation,
    ...(reading.lead ? { speak: reading.lead } : {}),
    ...(reading.passage ? { passage: reading.passage } : {}),
    ...(reading.tentative ? { tentative: true } : {}),
    ...(offer ? { offer } : {}),
  };
}

/**
 * Knowledge or action, for a turn the classifier routes to an intent whose flow acts but that does not ask for
 * the action ("the carrier says it was delivered but nothing is on my doorstep", "my discount code doesn't work"):
 * when the documents answer it, the answer is given and the action only offered ("Would you like to track an
 * order?"), so no flow starts that the user did not ask for. `undefined` when the rule does not apply.
 */
export function answerInsteadOfAction(
  registry: SkillRegistry,
  intent: string,
  text: string,
  knowledge: KnowledgeReading | null | undefined,
  namesSlotValue: boolean,
): DialogueCommand[] | undefined {
  if (!knowledge || namesSlotValue || isExplicitRequest(text) || !flowActs(registry, intent)) return undefined;
  if (opensLikeIntentOrder(registry, intent, text)) return undefined;
  return [answerCommand(knowledge, intent)];
}

/** What {@link knowledgeIntentTurn} decides on. */
export interface KnowledgeIntentTurn {
  registry: SkillRegistry;
  /** A confident intent marked `knowledge`, whose slot entities the turn does not name. */
  intent: string;
  text: string;
  /** The turn's locale: whether the text is a question is read by that language's cues. */
  locale?: string;
  /** The passage the documents clearly answer with (strict relevance), if any. */
  knowledge: KnowledgeReading | null | undefined;
  /** The passage with the looser test a recognised knowledge question gets, if any. */
  intentKnowledge: KnowledgeReading | null | undefined;
}

let headingAnalyzer: KnowledgeAnalyzer | undefined;

/**
 * A bare topic that names the section the documents answer with: every word of "gift cards", "lost gift card" or
 * "price match" stands in the section's own heading ("Gift cards", "Lost gift cards", "Price match"), so the section
 * is the answer. "shipping options" does not name "Options within the United States", and keeps its intent's reply.
 */
export function namesSection(text: string, heading: string | undefined): boolean {
  if (heading === undefined) return false;
  headingAnalyzer ??= createKnowledgeAnalyzer();
  const words = headingAnalyzer.terms(text);
  const headingWords = new Set(headingAnalyzer.terms(heading));
  return words.length > 0 && words.every((word) => headingWords.has(word));
}

/** The user tells of their own situation ("my code isn't working", "I'm locked out"), not only names a topic ("shipping options"). */
const ownSituation = /\b(?:i|im|i'm|ive|i've|my|me|we|our|us)\b/i;

/**
 * Knowledge or action for a turn routed to a knowledge intent, where the question rule does not settle it: a
 * question about the rules of what the intent's flow does ("what is the return policy for shoes?") that asks for
 * nothing and that the documents do not answer gets "the documents don't say" with the action offered, never the
 * flow; a statement of the user's own problem routed to an intent that only replies ("my discount code isn't
 * working") is answered when the documents clearly do. `undefined` when neither applies (so the intent's flow or
 * reply follows).
 */
export function knowledgeIntentTurn(turn: KnowledgeIntentTurn): DialogueCommand[] | undefined {
  const { registry, intent, text, knowledge, intentKnowledge, locale } = turn;
  if (!flowActs(registry, intent)) {
    const statement = !isQuestion(text, locale) && (ownSituation.test(text) || namesSection(text, knowledge?.heading));
    return statement && knowledge ? [answerCommand(knowledge)] : undefined;
  }
  const asksAboutRules = isQuestion(text, locale) && asksForInformation(text) && !isExplicitRequest(text);
  return asksAboutRules && !intentKnowledge ? [{ type: 'not_found', offer: intent }] : undefined;
}

/**
 * What to search the documents with: an elliptical follow-up of a question ("how much is the late fee for books?",
 * then "what about dvds?") is searched as that question with the follow-up added, so it keeps its topic; any other
 * text as it is. The classifier still reads the follow-up alone.
 */
export function knowledgeQuestionFor(text: string, previousUserText: string | undefined, locale?: string): string {
  if (previousUserText === undefined || !isEllipticalFollowUp(text) || !isQuestion(previousUserText, locale)) return text;
  return `${previousUserText.trim().replace(/[?.!\s]+$/, '')}, ${text.trim()}`;
}
