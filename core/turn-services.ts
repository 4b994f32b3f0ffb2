import type { Logger } from 'pino';
import { isPlausibleKnowledgeHit, selectAnswerPassage } from '../engine/knowledge/answer-passage.ts';
import type { KnowledgeBase, KnowledgeHit } from '../engine/knowledge/knowledge-base.ts';
import type { LanguageModel } from '../engine/llm/language-model.ts';
import type { ParsedToolCall } from '../engine/llm/tool-call-format.ts';
import type { EntityRecognizer } from '../engine/entities/entity-recognizer.ts';
import type { IntentClassifier } from '../engine/nlu/intent-classifier.ts';
import type { GenerationSettings } from './bot-options.ts';
import type { KnowledgeInLocale } from './contracts/bot-locales.ts';
import type { CommandExecutor, CommandOutcome } from './command-executor.ts';
import type { BotEvent } from './contracts/bot-event.ts';
import type { Lease } from './contracts/conversation-store.ts';
import type { HistoryEntry } from './contracts/transcript.ts';
import type { UserTurn } from './contracts/user-turn.ts';
import type { ExecuteCommandInput, GenerateInput, GenerateOutput, UnderstandInput } from './dialogue/dialogue-machine.ts';
import { isQuestion } from './dialogue/is-question.ts';
import { topicOverview } from './dialogue/topic-overview.ts';
import { withoutGreeting } from './dialogue/without-greeting.ts';
import { buildKnowledgeAnswerMessages, buildModelMessages } from './dialogue/model-messages.ts';
import { isEllipticalFollowUp } from './dialogue/follow-up.ts';
import { knowledgeQuestionFor, orderedIntent } from './dialogue/knowledge-or-action.ts';
import { splitRequests } from './dialogue/split-requests.ts';
import { commandsFromToolCalls, groundedToolDefinitions } from './dialogue/model-tools.ts';
import type { Understanding } from './dialogue/understanding.ts';
import type { SkillRegistry } from './skill-registry.ts';

/** The services a turn's effects run on, injected once per bot. */
export interface TurnServices {
  registry: SkillRegistry;
  classifier: IntentClassifier;
  /** Entities of the turn's text, read in the turn's locale against its timestamp. */
  extractor: EntityRecognizer;
  executor: CommandExecutor;
  /** The bot's documents, if any. */
  knowledge?: KnowledgeBase;
  /** The language model for turns the classifier cannot route, if any. */
  model?: LanguageModel;
  generation: GenerationSettings;
  /** How a question in this language reaches the documents (`BotLocales.knowledge`); default: as written. */
  knowledgeInLocale?: KnowledgeInLocale;
  /** Below this classifier confidence the dialogue looks for a knowledge answer (`DialoguePolicy.minConfidence`). */
  minConfidence: number;
  /** Below this, a question routed to any intent is also looked up (`DialoguePolicy.knowledgeOverIntentConfidence`). Default 0. */
  knowledgeOverIntentConfidence?: number;
  log: Logger;
  now: () => number;
}

/** What one running turn gives its effects: who it is, its abort signal, where events go, its lease. */
export interface TurnRuntime {
  turn: UserTurn;
  /** The conversation's last transcript lines (the model's context window), read when the model needs them. */
  history: (lines: number) => Promise<readonly HistoryEntry[]>;
  signal: AbortSignal;
  emit: (event: BotEvent) => void;
  lease?: Lease;
  log: Logger;
}

/** The effects the dialogue machine asks for, by the name its `invoke` uses, as plain async functions. */
export interface TurnEffects {
  understand(input: UnderstandInput, runtime: TurnRuntime): Promise<Understanding>;
  generate(input: GenerateInput, runtime: TurnRuntime): Promise<GenerateOutput>;
  executeCommand(input: ExecuteCommandInput, runtime: TurnRuntime): Promise<CommandOutcome>;
}

/** Whether `intent` is one of the bot's greeting intents (`smallTalk: 'greeting'`, whatever its name). */
const isGreeting = (registry: SkillRegistry, intent: string | null): boolean =>
  intent !== null && registry.intents.get(intent)?.smallTalk === 'greeting';

/**
 * What follows a greeting asks for more than small talk: an intent of the bot's own skills the classifier is sure of
 * (not small talk, a hand-off, help or cancel: "hi, is someone there" stays a hello), or a clear answer from the documents.
 */
function asksBeyondGreeting(alone: Understanding, registry: SkillRegistry): boolean {
  const { prediction, knowledge } = alone;
  const definition = prediction.intent === null ? undefined : registry.intents.get(prediction.intent);
  const own = definition !== undefined && definition.smallTalk === undefined && definition.action === undefined;
  if (!prediction.outOfScope && own && prediction.confidence >= 0.8) return true;
  return (knowledge?.evidence ?? 0) >= 1;
}

/**
 * The effects of a turn, made once per bot: understanding (classifier, entities, knowledge), generation (the
 * model, streamed) and command execution (the guarded executor). The turn runner calls the one the machine's
 * transition asks for with the machine's input and the turn's runtime (signal, event sink, lease); each returns
 * what it found with its duration and writes nothing outside its output.
 */
export function createTurnEffects(services: TurnServices): TurnEffects {
  const { now } = services;

  /** The documents matter only when no intent is confident, or the confident one answers from them. */
  const needsKnowledge = (understanding: Understanding): boolean => {
    const { prediction } = understanding;
    if (prediction.outOfScope || prediction.intent === null || prediction.confidence < services.minConfidence) return true;
    if (prediction.confidence < (services.knowledgeOverIntentConfidence ?? 0) && isQuestion(understanding.text, understanding.locale)) return true;
    return services.registry.intents.get(prediction.intent)?.knowledge === true;
  };

  /** Classifier, entities and (when they matter) the documents, for one request. */
  /** `searchText`: what the documents are searched with (the question an elliptical follow-up continues); default `text`. */
  const read = async (text: string, answersQuestion: boolean, turn: UserTurn, searchText = text): Promise<Understanding> => {
    const entities = services.extractor.extract(text, { locale: turn.locale, now: turn.timestamp });
    const understanding: Understanding = { text, locale: turn.locale, prediction: services.classifier.classify(text), entities };
    if (services.knowledge && !answersQuestion && needsKnowledge(understanding)) {
      const across = services.knowledgeInLocale;
      const question = across?.query ? across.query(text) : text;
      const searched = searchText === text ? question : across?.query ? across.query(searchText) : searchText;
      const hits = searched.trim() ? await services.knowledge.search(searched, 5) : [];
      // The lead sentence answers the words the user just wrote ("what about dvds?"), in the sections found for both.
      const answer = selectAnswerPassage({ question, hits });
      const overview = answer ? undefined : topicOverview(question, hits);
      const loose = answer ?? overview ?? selectAnswerPassage({ question, hits, accept: isPlausibleKnowledgeHit });
      // A passage in another language than the user's is quoted after a lead sentence in the user's.
      const quoted = (text: string) => (across ? `${across.lead}\n\n${text}` : text);
      const heading = (hit: KnowledgeHit) => (hit.headingPath.length > 0 ? { heading: hit.headingPath.at(-1)! } : {});
      understanding.knowledge = answer
        ? { text: quoted(answer.text), citation: answer.citation, lead: answer.lead, passage: answer.passage, evidence: answer.hit.evidence, ...heading(answer.hit) }
        : null;
      understanding.knowledgeForIntent = loose
        ? { text: quoted(loose.text), citation: loose.citation, lead: loose.lead, passage: loose.passage, ...(answer || overview ? {} : { tentative: true }) }
        : null;
    }
    return understanding;
  };

  /** The user's message before this turn's, when this one may be an elliptical follow-up that the documents answer. */
  const previousUserText = async (input: UnderstandInput, runtime: TurnRuntime): Promise<string | undefined> => {
    if (!services.knowledge || input.answersQuestion || !isEllipticalFollowUp(input.text)) return undefined;
    const lines = await runtime.history(6);
    return lines.filter((line) => line.role === 'user' && line.turnId !== runtime.turn.id).at(-1)?.text;
  };

  const understand: TurnEffects['understand'] = async (input, runtime) => {
    const { log, turn } = runtime;
    const t0 = now();
    const searchText = knowledgeQuestionFor(input.text, await previousUserText(input, runtime), turn.locale);
    let understanding = await read(input.text, input.answersQuestion, turn, searchText);
    // "hi, how many holds can I have?" read as a hello is read again as its question, when that is clearly one.
    const rest = withoutGreeting(input.text);
    if (rest !== input.text && !input.answersQuestion && isGreeting(services.registry, understanding.prediction.intent)) {
      const alone = await read(rest, false, turn);
      if (asksBeyondGreeting(alone, services.registry)) understanding = alone;
    }
    const text = understanding.text;
    // A message with several requests is also read request by request (see `combineRequests`).
    const parts = input.answersQuestion ? [] : splitRequests(text, { orderOf: (clause) => orderedIntent(services.registry, clause) });
    if (parts.length > 1) understanding.requests = await Promise.all(parts.map((part) => read(part, false, turn)));
    log.debug({ intent: understanding.prediction.intent, confidence: understanding.prediction.confidence, requests: parts.length }, 'understood');
    return { ...understanding, durationMs: now() - t0 };
  };

  const generate: TurnEffects['generate'] = async (input, runtime) => {
    const { turn, signal, emit, log } = runtime;
    const model = services.model;
    if (!model) return { commands: [{ type: 'fallback' }], replied: false, aborted: false };
    const t0 = now();
    const settings = services.generation;
    const answer = input.answer;
    const messages = answer
      ? buildKnowledgeAnswerMessages({ botName: settings.botName, description: settings.description, passage: answer.passage ?? answer.text, source: answer.source, text: input.text })
      : buildModelMessages({ ...settings, history: await runtime.history(settings.historyTurns), text: input.text, reading: input.reading, context: input.context, registry: services.registry });
    const messageId = `${turn.id}:model`;
    let text = '';
    const calls: ParsedToolCall[] = [];
    for await (const event of model.stream({
      messages,
      ...(answer ? {} : { tools: groundedToolDefinitions(input.tools, input.context.seen) }),
      maxTokens: settings.maxTokens,
      temperature: settings.temperature,
      signal,
    })) {
      if (event.type === 'text-delta' && event.delta) {
        text += event.delta;
        emit({ type: 'text-delta', messageId, delta: event.delta });
      } else if (event.type === 'tool-call') {
        calls.push({ name: event.name, arguments: event.arguments });
      }
    }
    const shown = text.trim();
    if (shown) {
      emit({ type: 'text-end', messageId, text: shown });
      emit({ type: 'speak', messageId, text: shown });
    }
    const durationMs = now() - t0;
    if (signal.aborted) {
      if (calls.length > 0) log.warn({ calls }, 'tool calls of an aborted generation dropped');
      return { commands: [], replied: shown.length > 0, aborted: true, durationMs };
    }
    if (answer) {
      const proposed = input.context.turn?.proposed ?? [answer];
      return { commands: shown ? proposed.map((c) => (c.type === 'answer' ? { ...c, text: shown, written: true } : c)) : proposed, replied: false, aborted: false, durationMs };
    }
    const { commands, refused } = commandsFromToolCalls(calls, input.tools, input.context, new Set(services.registry.commands.keys()));
    for (const r of refused) log.warn({ tool: r.call.name, args: r.call.arguments, reason: r.reason }, 'model tool call refused');
    return { commands, replied: shown.length > 0, aborted: false, durationMs };
  };

  const executeCommand: TurnEffects['executeCommand'] = async (input, runtime) => {
    const { turn, signal } = runtime;
    return services.executor.execute(input.call, {
      conversationId: turn.conversationId,
      turnId: turn.id,
      user: turn.user,
      signal,
      allowed: new Set(input.allowed),
      confirmed: input.confirmed,
      executed: [...input.executed],
      ...(runtime.lease ? { lease: runtime.lease } : {}),
    });
  };

  return { understand, generate, executeCommand };
}
