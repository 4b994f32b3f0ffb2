import type { Logger } from 'pino';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { EntityExtractor } from '../engine/nlu/entity.ts';
import type { IntentClassifier } from '../engine/nlu/intent-classifier.ts';
import type { BotEvent } from './bot-event.ts';
import { botEventsOf } from './bot-events-of.ts';
import type { CommandExecutor, CommandOutcome } from './command-executor.ts';
import { CONVERSATION_STATE_SCHEMA, type ConversationState } from './conversation-state.ts';
import { DIALOGUE_CONTEXT_VERSION, type DialogueOutput } from './dialogue/dialogue-context.ts';
import type { DialogueMachine, ExecuteCommandInput } from './dialogue/dialogue-machine.ts';
import type { DialogueMessages } from './dialogue/dialogue-messages.ts';
import { restoreDialogue } from './dialogue/restore-dialogue.ts';
import type { Understanding } from './dialogue/understanding.ts';
import type { ConversationStore } from './stores/conversation-store.ts';
import type { TurnResult } from './turn-result.ts';
import type { UserTurn } from './user-turn.ts';

/** What running a turn needs. */
export interface TurnRunnerOptions {
  machine: DialogueMachine;
  classifier: IntentClassifier;
  extractor: EntityExtractor;
  executor: CommandExecutor;
  store: ConversationStore;
  messages: DialogueMessages;
  log: Logger;
  now: () => number;
  rememberTurns: number;
  historyLimit: number;
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
    const provided = machine.provide({
      actors: {
        understand: fromPromise<Understanding, { text: string }>(async ({ input }) => {
          const t0 = now();
          const understanding = { text: input.text, prediction: classifier.classify(input.text), entities: extractor.extract(input.text) };
          understandMs = now() - t0;
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
      { state: next.dialogue.value, loadMs: loadedMs, understandMs, saveMs: now() - saveStarted, totalMs: now() - started, commands: done.context.turn?.executed ?? [] },
      'turn done',
    );
    return { turnId: turn.id, conversationId: turn.conversationId, status: signal.aborted ? 'superseded' : 'completed', events };
  };
}
