import type { Logger } from 'pino';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { EntityExtractor } from '../engine/nlu/entity.ts';
import type { IntentClassifier } from '../engine/nlu/intent-classifier.ts';
import { isPlausibleKnowledgeHit, selectAnswerPassage } from '../engine/knowledge/answer-passage.ts';
import type { KnowledgeBase } from '../engine/knowledge/knowledge-base.ts';
import type { LanguageModel } from '../engine/llm/language-model.ts';
import type { ParsedToolCall } from '../engine/llm/tool-call-format.ts';
import type { BotEvent } from './contracts/bot-event.ts';
import type { GenerationSettings } from './bot-options.ts';
import { botEventsOf } from './bot-events-of.ts';
import type { CommandExecutor, CommandOutcome } from './command-executor.ts';
import { CONVERSATION_STATE_SCHEMA, type ConversationState } from './conversation-state.ts';
import { DIALOGUE_CONTEXT_VERSION, type DialogueOutput } from './dialogue/dialogue-context.ts';
import type {
  DialogueMachine,
  ExecuteCommandInput,
  GenerateInput,
  GenerateOutput,
  UnderstandInput,
} from './dialogue/dialogue-machine.ts';
import { buildKnowledgeAnswerMessages, buildModelMessages } from './dialogue/model-messages.ts';
import { commandsFromToolCalls, groundedToolDefinitions, intentOfCommands } from './dialogue/model-tools.ts';
import type { DialogueCommand } from './dialogue-command.ts';
import type { DialogueMessages } from './contracts/dialogue-messages.ts';
import { restoreDialogue } from './dialogue/restore-dialogue.ts';
import type { Understanding } from './dialogue/understanding.ts';
import type { SkillRegistry } from './skill-registry.ts';
import type { ConversationStore } from './contracts/conversation-store.ts';
import type { TurnResult } from './contracts/turn-result.ts';
import type { UserTurn } from './contracts/user-turn.ts';

/** What running a turn needs. */
export interface TurnRunnerOptions {
  machine: DialogueMachine;
  registry: SkillRegistry;
  classifier: IntentClassifier;
  extractor: EntityExtractor;
  executor: CommandExecutor;
  store: ConversationStore;
  messages: DialogueMessages;
  log: Logger;
  now: () => number;
  rememberTurns: number;
  historyLimit: number;
  /** The bot's documents, if any. */
  knowledge?: KnowledgeBase;
  /** The language model for turns the classifier cannot route, if any. */
  model?: LanguageModel;
  generation: GenerationSettings;
}

/** Listeners of the events a turn emits, by turn id. */
export type TurnListener = (event: BotEvent) => void;

function readState(stored: unknown): { state: ConversationState; notice?: string } {
  const record = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<ConversationState>;
  const restored = restoreDialogue(record.dialogue);
  const state: ConversationState = {
    schema: CONVERSATION_STATE_SCHEMA,
    dialogue: { version: DIALOGUE_CONTEXT_VERSION, value: restored.value, context: restored.context },
    history: Array.isArray(record.history) ? record.history : [],
    processed: Array.isArray(record.processed) ? record.processed : [],
  };
  return restored.status === 'reset' && stored !== undefined ? { state, notice: restored.reason } : { state };
}

/**
 * Runs one batch of turns (one turn, or a coalesced burst) of a conversation: load, restore the machine,
 * understand, execute, save with the loaded version. Emits events as they are produced.
 */
export function createTurnRunner(options: TurnRunnerOptions) {
  const { machine, classifier, extractor, executor, store, messages, now } = options;

  return async function runTurns(turns: UserTurn[], signal: AbortSignal, emit: TurnListener): Promise<TurnResult> {
    const turn = turns.at(-1)!;
    const log = options.log.child({ conversationId: turn.conversationId, turnId: turn.id });
    const started = now();
    const stored = await store.load(turn.conversationId);
    const { state, notice } = readState(stored?.state);
    const earlier = state.processed.find((p) => turns.every((t) => t.id === p.id));
    if (earlier) return { turnId: turn.id, conversationId: turn.conversationId, status: 'duplicate', events: earlier.events };
    const loadedMs = now() - started;

    const events: BotEvent[] = [];
    const push = (event: BotEvent) => {
      events.push(event);
      emit(event);
    };
    let replies = 0;
    if (notice) {
      log.warn({ reason: notice }, 'stored dialogue could not be restored; starting fresh');
      for (const e of botEventsOf({ type: 'reply', reply: { text: messages.stateReset, speak: messages.stateReset, suggestions: [] } }, `${turn.id}:${replies++}`)) push(e);
    }
    const text = turns.map((t) => t.text).join('\n');
    let understandMs = 0;
    let understood: string | null | undefined;
    let generateMs = 0;
    let modelCommands: DialogueCommand[] | undefined;
    const generate = fromPromise<GenerateOutput, GenerateInput>(async ({ input }) => {
      const model = options.model;
      if (!model) return { commands: [{ type: 'fallback' }], replied: false, aborted: false };
      const t0 = now();
      const settings = options.generation;
      const answer = input.answer;
      const messages = answer
        ? buildKnowledgeAnswerMessages({ botName: settings.botName, description: settings.description, passage: answer.text, source: answer.source, text: input.text })
        : buildModelMessages({ ...settings, history: state.history, text: input.text, reading: input.reading, context: input.context, registry: options.registry });
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
          push({ type: 'text-delta', messageId, delta: event.delta });
        } else if (event.type === 'tool-call') {
          calls.push({ name: event.name, arguments: event.arguments });
        }
      }
      const shown = text.trim();
      if (shown) {
        push({ type: 'text-end', messageId, text: shown });
        push({ type: 'speak', messageId, text: shown });
      }
      generateMs = now() - t0;
      if (signal.aborted) {
        if (calls.length > 0) log.warn({ calls }, 'tool calls of an aborted generation dropped');
        return { commands: [], replied: shown.length > 0, aborted: true };
      }
      if (answer) {
        const proposed = input.context.turn?.proposed ?? [answer];
        return { commands: shown ? proposed.map((c) => (c.type === 'answer' ? { ...c, text: shown, written: true } : c)) : proposed, replied: false, aborted: false };
      }
      const { commands, refused } = commandsFromToolCalls(calls, input.tools, input.context);
      modelCommands = commands;
      for (const r of refused) log.warn({ tool: r.call.name, args: r.call.arguments, reason: r.reason }, 'model tool call refused');
      return { commands, replied: shown.length > 0, aborted: false };
    });
    const provided = machine.provide({
      actors: {
        understand: fromPromise<Understanding, UnderstandInput>(async ({ input }) => {
          const t0 = now();
          const understanding: Understanding = { text: input.text, prediction: classifier.classify(input.text), entities: extractor.extract(input.text) };
          if (options.knowledge && !input.answersQuestion) {
            const hits = await options.knowledge.search(input.text, 5);
            const answer = selectAnswerPassage({ question: input.text, hits });
            const loose = answer ?? selectAnswerPassage({ question: input.text, hits, accept: isPlausibleKnowledgeHit });
            understanding.knowledge = answer ? { text: answer.text, citation: answer.citation } : null;
            understanding.knowledgeForIntent = loose ? { text: loose.text, citation: loose.citation } : null;
          }
          understandMs = now() - t0;
          understood = understanding.prediction.intent;
          log.debug({ intent: understanding.prediction.intent, confidence: understanding.prediction.confidence }, 'understood');
          return understanding;
        }),
        executeCommand: fromPromise<CommandOutcome, ExecuteCommandInput>(async ({ input }) =>
          executor.execute(input.call, {
            conversationId: turn.conversationId,
            turnId: turn.id,
            user: turn.user,
            signal,
            allowed: new Set([input.call.name]),
            confirmed: input.confirmed,
            executed: [...input.executed],
          }),
        ),
        generate,
      },
    });
    const snapshot = provided.resolveState({ value: state.dialogue.value, context: state.dialogue.context });
    const actor = createActor(provided, { snapshot });
    actor.on('*', (output: DialogueOutput) => {
      for (const e of botEventsOf(output, `${turn.id}:${replies}`)) push(e);
      if (output.type === 'reply') replies += 1;
    });
    actor.start();
    actor.send({ type: 'USER_TURN', turn: { id: turn.id, text, user: turn.user, executed: [] } });
    const done = await waitFor(actor, (s) => s.hasTag('waiting') || s.status !== 'active', { timeout: Number.POSITIVE_INFINITY });
    actor.stop();
    if (done.status === 'error') throw done.error;

    const at = now();
    const botLines = events.filter((e) => e.type === 'text-end').map((e) => ({ role: 'bot' as const, text: e.type === 'text-end' ? e.text : '', at, turnId: turn.id }));
    const next: ConversationState = {
      schema: CONVERSATION_STATE_SCHEMA,
      dialogue: { version: DIALOGUE_CONTEXT_VERSION, value: String(done.value), context: { ...done.context, turn: null } },
      history: [...state.history, ...turns.map((t) => ({ role: 'user' as const, text: t.text, at: t.timestamp, turnId: t.id })), ...botLines].slice(-options.historyLimit),
      processed: [...state.processed, ...turns.map((t) => ({ id: t.id, events }))].slice(-options.rememberTurns),
    };
    const saveStarted = now();
    await store.save(turn.conversationId, next, stored?.version ?? 0);
    log.info(
      { state: next.dialogue.value, loadMs: loadedMs, understandMs, generateMs, saveMs: now() - saveStarted, totalMs: now() - started, commands: done.context.turn?.executed ?? [] },
      'turn done',
    );
    const intent = modelCommands ? intentOfCommands(modelCommands, options.registry) : (understood ?? null);
    return {
      turnId: turn.id,
      conversationId: turn.conversationId,
      status: signal.aborted ? 'superseded' : 'completed',
      events,
      intent,
      route: modelCommands ? 'model' : 'classifier',
    };
  };
}
