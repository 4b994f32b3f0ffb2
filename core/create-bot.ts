import pino from 'pino';
import { createEntityExtractor } from '../engine/nlu/create-entity-extractor.ts';
import type { KnowledgeBase } from '../engine/knowledge/knowledge-base.ts';
import type { IntentClassifier } from '../engine/nlu/intent-classifier.ts';
import type { BotEvent } from './contracts/bot-event.ts';
import { type BotOptions, defaultBotOptions, defaultGenerationSettings } from './bot-options.ts';
import { createCommandExecutor } from './command-executor.ts';
import type { HistoryEntry } from './conversation-state.ts';
import { createDialogueMachine } from './dialogue/dialogue-machine.ts';
import { defaultDialogueMessages } from './contracts/dialogue-messages.ts';
import { defaultDialoguePolicy } from './contracts/dialogue-policy.ts';
import { ConfigError } from './contracts/errors/config-error.ts';
import { InputError } from './contracts/errors/input-error.ts';
import { createSkillRegistry, type SkillRegistry } from './skill-registry.ts';
import { createMemoryStore } from './stores/memory-store.ts';
import { trainBotClassifier } from './train-bot-classifier.ts';
import { createTurnQueue } from './turn-queue.ts';
import type { TurnResult } from './contracts/turn-result.ts';
import { createTurnRunner, type TurnListener } from './turn-runner.ts';
import type { UserTurn } from './contracts/user-turn.ts';

/** Limits on a user turn. */
export const turnLimits = {
  /** Longest text accepted, in characters. */
  maxTextLength: 4000,
  /** Longest id accepted (turn, conversation, user), in characters. */
  maxIdLength: 200,
};

/** A running bot: hand it user turns from any channel. */
export interface Bot {
  readonly registry: SkillRegistry;
  readonly classifier: IntentClassifier;
  /** The bot's documents, when it has them. */
  readonly knowledge?: KnowledgeBase;
  /**
   * Runs a turn (queued behind its conversation's earlier turns) and resolves with every event it produced.
   * `onEvent` sees them as they are produced. Never rejects for a failure inside the turn (status "failed");
   * rejects with `InputError` for a malformed turn.
   */
  handle(turn: UserTurn, options?: { onEvent?: (event: BotEvent) => void }): Promise<TurnResult>;
  /** The same as {@link Bot.handle}, as a stream of events. */
  stream(turn: UserTurn): AsyncIterable<BotEvent>;
  /** The conversation's transcript, oldest first. */
  history(conversationId: string): Promise<HistoryEntry[]>;
  /** Waits for running turns and closes the store. */
  close(): Promise<void>;
}

function checkTurn(turn: UserTurn): void {
  const id = (field: string, value: unknown) => {
    if (typeof value !== 'string' || value.length === 0 || value.length > turnLimits.maxIdLength) {
      throw new InputError(field, `must be a non-empty string of at most ${turnLimits.maxIdLength} characters`);
    }
  };
  id('turn.id', turn.id);
  id('turn.conversationId', turn.conversationId);
  id('turn.user.id', turn.user?.id);
  if (typeof turn.text !== 'string' || turn.text.trim().length === 0) throw new InputError('turn.text', 'must be non-empty text');
  if (turn.text.length > turnLimits.maxTextLength) {
    throw new InputError('turn.text', `is ${turn.text.length} characters; the limit is ${turnLimits.maxTextLength}`);
  }
}

/**
 * Creates a bot from skills: trains (or loads) the intent classifier, builds the dialogue machine and the
 * per-conversation turn queue.
 *
 * @example
 * const bot = await createBot({ skills: [...builtinSkills(), mySkill], store: createSqliteStore({ file }) });
 * const { events } = await bot.handle({ id: 't1', conversationId: 'c1', user: { id: 'u1', verified: false },
 *   channel: 'rest', text: 'hi', locale: 'en', timestamp: Date.now() });
 */
export async function createBot(options: BotOptions): Promise<Bot> {
  const now = options.now ?? Date.now;
  const log = options.logger ?? pino({ level: 'silent' });
  const registry = createSkillRegistry(options.skills);
  const policy = { ...defaultDialoguePolicy, ...options.policy };
  const messages = { ...defaultDialogueMessages, ...options.messages };
  const data = options.data ?? {};
  const store = options.store ?? createMemoryStore();
  if (options.routing === 'model' && !options.model) throw new ConfigError('routing', 'a model when routing is "model"');
  const classifier = options.classifier ?? (await trainBotClassifier(registry.examples(), { cacheDir: options.cacheDir, log }));
  const extractor = createEntityExtractor({ ...registry.entities, boolean: { kind: 'boolean' } });
  const executor = createCommandExecutor({ registry, log, data, maxCommandsPerTurn: policy.maxCommandsPerTurn, now });
  const machine = createDialogueMachine({ registry, policy, messages, data, now, hasModel: options.model !== undefined, routing: options.routing ?? 'classifier', knowledgeAnswers: options.generation?.knowledgeAnswers ?? defaultGenerationSettings.knowledgeAnswers });
  const runTurns = createTurnRunner({
    machine,
    registry,
    ...(options.model ? { model: options.model } : {}),
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    generation: { ...defaultGenerationSettings, ...options.generation },
    classifier,
    extractor,
    executor,
    store,
    messages,
    log,
    now,
    rememberTurns: options.rememberTurns ?? defaultBotOptions.rememberTurns,
    historyLimit: options.historyLimit ?? defaultBotOptions.historyLimit,
  });
  const listeners = new Map<string, Set<TurnListener>>();
  const queue = createTurnQueue<TurnResult>({
    coalesceMs: options.coalesceMs ?? defaultBotOptions.coalesceMs,
    process: async (turns, signal) => {
      const emit = (event: BotEvent) => {
        for (const t of turns) for (const listener of listeners.get(`${t.conversationId}\u0000${t.id}`) ?? []) listener(event);
      };
      try {
        return await runTurns(turns, signal, emit);
      } catch (error) {
        const turn = turns.at(-1)!;
        log.error({ err: error, conversationId: turn.conversationId, turnId: turn.id }, 'turn failed');
        const text = 'Sorry, something went wrong on my side. Please try again.';
        const events: BotEvent[] = [
          { type: 'error', code: error instanceof Error ? error.name : 'Error', message: 'the turn failed' },
          { type: 'text-delta', messageId: `${turn.id}:error`, delta: text },
          { type: 'text-end', messageId: `${turn.id}:error`, text },
        ];
        for (const event of events) emit(event);
        return { turnId: turn.id, conversationId: turn.conversationId, status: 'failed', events };
      }
    },
  });
  const inflight = new Map<string, Promise<TurnResult>>();
  const defaultPolicy = options.turnPolicy ?? defaultBotOptions.turnPolicy;

  const handle: Bot['handle'] = (turn, handleOptions = {}) => {
    try {
      checkTurn(turn);
    } catch (error) {
      return Promise.reject(error);
    }
    const key = `${turn.conversationId}\u0000${turn.id}`;
    const running = inflight.get(key);
    if (running) return running.then((r) => ({ ...r, status: 'duplicate' as const }));
    const onEvent = handleOptions.onEvent;
    if (onEvent) listeners.set(key, new Set([onEvent]));
    const result = queue
      .submit(turn, (turn.policy ?? defaultPolicy) === 'supersede')
      .then((r) => ({ ...r, turnId: turn.id }))
      .finally(() => {
        inflight.delete(key);
        listeners.delete(key);
      });
    inflight.set(key, result);
    return result;
  };

  return {
    registry,
    classifier,
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    handle,
    stream: (turn) => streamOf(handle, turn),
    async history(conversationId) {
      const stored = await store.load(conversationId);
      const history = (stored?.state as { history?: HistoryEntry[] } | undefined)?.history;
      return Array.isArray(history) ? history : [];
    },
    async close() {
      await Promise.allSettled([...inflight.values()]);
      await options.knowledge?.close();
      await store.close();
    },
  };
}

async function* streamOf(handle: Bot['handle'], turn: UserTurn): AsyncIterable<BotEvent> {
  const buffered: BotEvent[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const done = handle(turn, {
    onEvent: (event) => {
      buffered.push(event);
      wake?.();
    },
  }).finally(() => {
    finished = true;
    wake?.();
  });
  for (;;) {
    const event = buffered.shift();
    if (event) {
      yield event;
      continue;
    }
    if (finished) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = null;
  }
  const result = await done;
  if (result.status === 'duplicate') for (const event of result.events) yield event;
}
