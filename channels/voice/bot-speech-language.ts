import type { SkillRegistry } from '../../core/skill-registry.ts';
import { varyUtterance } from '../../core/training/vary-utterance.ts';
import { createSeededRandom } from '../../engine/nlu/seeded-random.ts';
import type { EntityDefinition } from '../../engine/nlu/entity.ts';
import type { PhraseItem, SpeechLanguage, SpeechPhrase, WeightedPhrase } from '../../engine/speech/speech-language.ts';
import { digitPhrases, entityHelperClasses, entityPhrases, readAsDigits, yesNoPhrases } from './entity-phrases.ts';
import { fixedDigitLength, quantityClasses, quantityReadings } from './quantity-phrases.ts';
import { entitySpanPatterns } from './entity-span-patterns.ts';
import type { SpokenAnswer } from './spoken-answer.ts';
import { speechWords } from './speech-words.ts';

/**
 * Variants of each example in the language's corpus (the statistical model's extra text), made the way `parley
 * train-model` varies the examples of its training dialogues: other entity values, openers and closers ("um",
 * "hi", "please", "thanks") around them.
 */
export const corpusVariantsPerExample = 6;

/** How much likelier the answer the bot just asked for is than any other phrase. */
export const awaitedAnswerWeight = 20;

const entityClass = (name: string) => `entity_${name}`;
/** The class of the other ways to read out a code entity's digits (see {@link quantityReadings}). */
const saidClass = (name: string) => `entity_${name}_said`;

interface Span {
  start: number;
  end: number;
  entity: string;
}

/** Where each entity occurs in `text` (lower case), earliest and longest first, without overlaps. */
function entitySpans(text: string, entities: Readonly<Record<string, EntityDefinition>>): Span[] {
  const spans: Span[] = [];
  for (const [name, entity] of Object.entries(entities)) {
    for (const pattern of entitySpanPatterns(entity)) for (const m of text.matchAll(pattern)) if (m[0].length > 0) spans.push({ start: m.index, end: m.index + m[0].length, entity: name });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of spans) if (!kept.some((k) => span.start < k.end && span.end > k.start)) kept.push(span);
  return kept;
}

/**
 * An example as a phrase: its words, with each entity value it mentions replaced by the entity's class (so "order
 * 12345 status" covers every order number). Undefined when it mentions a value that cannot be spoken (an e-mail).
 */
function examplePhrase(example: string, entities: Readonly<Record<string, EntityDefinition>>, speakable: ReadonlySet<string>): SpeechPhrase | undefined {
  const text = example.toLowerCase();
  const items: PhraseItem[] = [];
  let at = 0;
  for (const span of entitySpans(text, entities)) {
    if (!speakable.has(span.entity)) return undefined;
    items.push(...speechWords(text.slice(at, span.start)), { class: entityClass(span.entity) });
    at = span.end;
  }
  items.push(...speechWords(text.slice(at)));
  return items.length > 0 ? items : undefined;
}

/**
 * How `examples` say the value of the entity with class `name`: with the word before it, with the words before and
 * after it, and with the word after it where that ends the example ("for ⟨people⟩ people", "on ⟨day⟩", "⟨people⟩
 * people"), so an answer said the way the flow's own examples say it is heard as one.
 */
function answerCarriers(examples: readonly SpeechPhrase[], name: string): SpeechPhrase[] {
  const found = new Map<string, SpeechPhrase>();
  for (const items of examples)
    items.forEach((item, i) => {
      if (typeof item !== 'object' || !('class' in item) || item.class !== name) return;
      const before = typeof items[i - 1] === 'string' ? [items[i - 1]!] : [];
      const after = typeof items[i + 1] === 'string' ? [items[i + 1]!] : [];
      // A word after the value alone only where it ends the example ("for 3 people"): mid-sentence ones ("45210 for")
      // let the recognizer hang a stray word on a number read out.
      const ends = i + 2 === items.length;
      for (const carrier of [[...before, item], ...(ends ? [[item, ...after]] : []), [...before, item, ...after]]) if (carrier.length > 1) found.set(JSON.stringify(carrier), carrier);
    });
  return [...found.values()];
}

/** The phrases of `answer` when the bot has just asked for it, or none when it cannot be said. */
function awaitedPhrases(answer: SpokenAnswer, registry: SkillRegistry, speakable: ReadonlySet<string>): SpeechPhrase[] {
  if (answer.kind === 'yes-no') return [[{ class: 'yes_no' }]];
  if (answer.kind === 'choice') return answer.options.map((o) => speechWords(registry.title(o)));
  if (!answer.entity || !speakable.has(answer.entity)) return [];
  const value = { class: entityClass(answer.entity) };
  const label = speechWords(answer.label);
  const flowExamples = baseLanguage(registry).examples.flatMap(({ intent, items }) => (registry.flowForIntent(intent) === answer.flow ? [items] : []));
  // Not around digits read out: "for" and "to" sound like digits, and "for ⟨order number⟩" takes "four five two ..." apart.
  const fromExamples = readAsDigits(registry.entities[answer.entity]) ? [] : answerCarriers(flowExamples, value.class);
  // A code of a fixed length may also be read in pairs or as a quantity ("forty five thousand two hundred and ten").
  const said = saidClass(answer.entity);
  const values = [value, ...(baseLanguage(registry).language.classes[said] ? [{ class: said }] : [])];
  return [...values.flatMap((v) => [[v], ['it', 'is', v], ["it's", v], ['my', ...label, 'is', v], ['the', ...label, 'is', v]]), ...fromExamples];
}

interface BaseLanguage {
  language: SpeechLanguage;
  speakable: ReadonlySet<string>;
  /** The examples as phrases, with their intents. */
  examples: Array<{ intent: string; items: SpeechPhrase }>;
  /** Languages with an awaited answer, by the answer as JSON. */
  withAnswer: Map<string, SpeechLanguage>;
}

const cache = new WeakMap<SkillRegistry, BaseLanguage>();
/** The languages made for an awaited answer, with the answer. */
const answering = new WeakMap<SpeechLanguage, SpokenAnswer>();

/** The bot's language without a dialogue state, and which of its entities can be spoken; made once per registry. */
function baseLanguage(registry: SkillRegistry): BaseLanguage {
  const cached = cache.get(registry);
  if (cached) return cached;
  const classes: Record<string, SpeechPhrase[]> = { digit: digitPhrases, yes_no: yesNoPhrases, ...entityHelperClasses, ...quantityClasses };
  const speakable = new Set<string>();
  for (const [name, entity] of Object.entries(registry.entities)) {
    const phrases = entityPhrases(entity);
    if (!phrases) continue;
    classes[entityClass(name)] = phrases;
    speakable.add(name);
    const readings = readAsDigits(entity) ? quantityReadings(fixedDigitLength(phrases) ?? 0) : [];
    if (readings.length > 0) classes[saidClass(name)] = readings;
  }
  const phrases: WeightedPhrase[] = [{ items: [{ class: 'yes_no' }] }];
  const examples: BaseLanguage['examples'] = [];
  for (const { text, intent } of registry.examples()) {
    const items = examplePhrase(text, registry.entities, speakable);
    if (!items) continue;
    phrases.push({ items });
    examples.push({ intent, items });
  }
  for (const name of registry.intents.keys()) phrases.push({ items: speechWords(registry.title(name)) });
  let corpus: WeightedPhrase[] | undefined;
  // Made on first read: only a statistical model mixed with it reads it, and varying every example takes a while.
  const language: SpeechLanguage = {
    phrases,
    classes,
    get corpus() {
      corpus ??= exampleCorpus(registry, speakable);
      return corpus;
    },
  };
  const made = { language, speakable, examples, withAnswer: new Map<string, SpeechLanguage>() };
  cache.set(registry, made);
  return made;
}

/**
 * The examples as users vary them ({@link corpusVariantsPerExample} each, seeded, so the same bot gives the same
 * corpus and the same cached model), entity values as classes.
 */
function exampleCorpus(registry: SkillRegistry, speakable: ReadonlySet<string>): WeightedPhrase[] {
  const random = createSeededRandom(1);
  const corpus: WeightedPhrase[] = [];
  for (const { text } of registry.examples())
    for (let i = 0; i < corpusVariantsPerExample; i++) {
      const items = examplePhrase(varyUtterance(text, registry.entities, random), registry.entities, speakable);
      if (items) corpus.push({ items });
    }
  return corpus;
}

/**
 * What a recognizer should expect a user of this bot to say now, built from the bot itself the way Rhasspy does:
 * every intent example (with entity values as classes of all their values, so "where is order 40211" covers
 * every order number), the intents' titles, yes and no, and — weighted far above the rest — the answer the bot
 * has just asked for (the order number's digits, yes or no at a confirmation, one of the offered options), alone,
 * in carrier phrases ("it's …") and in the words the flow's own examples put around it ("for ⟨people⟩ people"). Its
 * `corpus`, for statistical models, holds the examples varied as users say them; a language waiting for an answer
 * has none, so the answer keeps its weight.
 */
export function botSpeechLanguage(registry: SkillRegistry, awaited?: SpokenAnswer): SpeechLanguage {
  const { language, speakable, withAnswer } = baseLanguage(registry);
  if (!awaited) return language;
  // The same answer gives the same object, so recognizers can keep what they made of it.
  const key = JSON.stringify(awaited);
  const known = withAnswer.get(key);
  if (known) return known;
  const extra = awaitedPhrases(awaited, registry, speakable).map((items) => ({ items, weight: awaitedAnswerWeight }));
  const made = extra.length === 0 ? language : { classes: language.classes, phrases: [...extra, ...language.phrases] };
  if (made !== language) answering.set(made, awaited);
  withAnswer.set(key, made);
  return made;
}

/** Whether the answer the bot waits for can be spoken (a free-text or e-mail slot cannot, with a grammar). */
export function canSpeakAnswer(registry: SkillRegistry, awaited: SpokenAnswer): boolean {
  return awaitedPhrases(awaited, registry, baseLanguage(registry).speakable).length > 0;
}

/**
 * Whether `language` is one {@link botSpeechLanguage} made while the bot waits for an answer it can hear (digits,
 * yes or no, an option): then what the user says is most likely that answer, not an intent.
 */
export function awaitsAnswer(language: SpeechLanguage | undefined): boolean {
  return answerAwaitedIn(language) !== undefined;
}

/** The answer `language` was made to hear (see {@link awaitsAnswer}), or undefined. */
export function answerAwaitedIn(language: SpeechLanguage | undefined): SpokenAnswer | undefined {
  return language === undefined ? undefined : answering.get(language);
}
