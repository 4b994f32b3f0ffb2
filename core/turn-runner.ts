import { type SnapshotFrom, transition } from 'xstate';
import { botEventsOf } from './bot-events-of.ts';
import type { BotEvent } from './contracts/bot-event.ts';
import type { ConversationStore, TurnCommit } from './contracts/conversation-store.ts';
import type { HistoryEntry } from './contracts/transcript.ts';
import type { TurnResult } from './contracts/turn-result.ts';
import type { UserTurn } from './contracts/user-turn.ts';
import { CONVERSATION_STATE_SCHEMA, type ConversationState } from './conversation-state.ts';
import { DIALOGUE_CONTEXT_VERSION, type DialogueOutput } from './dialogue/dialogue-context.ts';
import type { DialogueEvent, DialogueMachine } from './dialogue/dialogue-machine.ts';
import type { DialogueMessages } from './contracts/dialogue-messages.ts';
import { intentOfCommands } from './dialogue/model-tools.ts';
import { restoreDialogue } from './dialogue/restore-dialogue.ts';
import { redactPii } from './redact-pii.ts';
import type { LocaleChoice, LocaleEvidence } from './choose-conversation-locale.ts';
import { createTurnEffects, type TurnEffects, type TurnRuntime, type TurnServices } from './turn-services.ts';

/** What the runner uses of one language of the bot: its machine, its words, and the services that read it. */
export interface TurnLanguage {
  machine: DialogueMachine;
  messages: DialogueMessages;
  services: Pick<TurnServices, 'registry' | 'classifier' | 'extractor' | 'knowledgeInLocale'>;
}

/** What running a batch of turns needs, besides the services. */
export interface TurnRunnerOptions extends TurnServices {
  machine: DialogueMachine;
  store: ConversationStore;
  messages: DialogueMessages;
  /** Mask e-mails, phone and card numbers in the stored transcript (the turn's own reply events stay as sent). */
  redactPii?: boolean;
  /**
   * The bot's languages by locale, for a bot that speaks several: each turn runs in the one `chooseLocale` picks,
   * and the conversation remembers it. Default: the one language of `machine`, `messages` and the services.
   */
  languages?: ReadonlyMap<string, TurnLanguage>;
  /** Picks a turn's locale (see `chooseConversationLocale`). Needed with `languages`. */
  chooseLocale?: (evidence: LocaleEvidence) => LocaleChoice;
}

/** A batch's outcome: the result for the channel and what to commit (absent when nothing is to be saved). */
export interface TurnOutcome {
  result: TurnResult;
  commit: Omit<TurnCommit, 'lease'>;
  /** Milliseconds spent loading, understanding, generating and running the whole batch. */
  timings: { loadMs: number; understandMs?: number; generateMs?: number; runMs: number };
  route: 'classifier' | 'model';
  /** The waiting state the dialogue ended in. */
  dialogueState: string;
}

function readState(stored: unknown): { state: ConversationState; notice?: string; inline: HistoryEntry[] } {
  const record = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<ConversationState> & { history?: unknown };
  const restored = restoreDialogue(record.dialogue);
  const inline = (record.schema ?? 1) < CONVERSATION_STATE_SCHEMA && Array.isArray(record.history) ? (record.history as HistoryEntry[]) : [];
  const state: ConversationState = {
    schema: CONVERSATION_STATE_SCHEMA,
    dialogue: { version: DIALOGUE_CONTEXT_VERSION, value: restored.value, context: restored.context },
  };
  return restored.status === 'reset' && stored !== undefined ? { state, notice: restored.reason, inline } : { state, inline };
}

/**
 * Runs one batch of turns (one turn, or a coalesced burst) of a conversation: load, restore the machine, let it
 * decide and run its effects (understand, generate, execute) through the injected services, and return the
 * result and the commit (next state, the turns' results, transcript lines). Timings and the route come from the
 * machine's final context. The caller commits under its lease.
 */
export function createTurnRunner(options: TurnRunnerOptions) {
  const { store, now } = options;
  const main = { machine: options.machine, messages: options.messages, effects: createTurnEffects(options) };
  const byLocale = new Map([...(options.languages ?? [])].map(([locale, l]) => [locale, { machine: l.machine, messages: l.messages, effects: createTurnEffects({ ...options, ...l.services }) }]));

  return async function runTurns(turns: readonly UserTurn[], runtime: Omit<TurnRuntime, 'turn' | 'history' | 'log'>): Promise<TurnOutcome> {
    const turn = turns.at(-1)!;
    const log = options.log.child({ conversationId: turn.conversationId, turnId: turn.id });
    const started = now();
    const stored = await store.load(turn.conversationId);
    // Schema 1 kept the transcript inline: its lines go to the store's transcript with this turn's commit.
    const { state, notice, inline } = readState(stored?.state);
    const loadMs = now() - started;
    const text = turns.map((t) => t.text).join('\n');
    const heldIn = (stored?.state as Partial<ConversationState> | undefined)?.locale;
    const choice = options.chooseLocale?.({ channelLocale: turn.locale, text, conversationLocale: heldIn });
    const { machine, messages, effects } = (choice && byLocale.get(choice.locale)) || main;
    if (choice && choice.locale !== heldIn) log.debug({ locale: choice.locale, source: choice.source, was: heldIn }, 'conversation locale');

    const events: BotEvent[] = [];
    const push = (event: BotEvent) => {
      events.push(event);
      runtime.emit(event);
    };
    let replies = 0;
    const say = (output: DialogueOutput) => {
      for (const e of botEventsOf(output, `${turn.id}:${replies}`)) push(e);
      if (output.type === 'reply') replies += 1;
    };
    if (notice) {
      log.warn({ reason: notice }, 'stored dialogue could not be restored; starting fresh');
      say({ type: 'reply', reply: { text: messages.stateReset, speak: messages.stateReset, suggestions: [] } });
    }
    const done = await runDialogue({
      machine,
      snapshot: machine.resolveState({ value: state.dialogue.value, context: state.dialogue.context }),
      event: { type: 'USER_TURN', turn: { id: turn.id, text, user: turn.user, executed: [] } },
      effects,
      runtime: { ...runtime, turn: choice ? { ...turn, locale: choice.locale } : turn, emit: push, log, history: async (n) => (inline.length > 0 ? inline : await store.recentTranscript(turn.conversationId, n)).slice(-n) },
      say,
    });

    const scratch = done.context.turn;
    const at = now();
    const kept = (text: string) => (options.redactPii ? redactPii(text) : text);
    const lines: HistoryEntry[] = [
      ...turns.map((t) => ({ role: 'user' as const, text: kept(t.text), at: t.timestamp, turnId: t.id })),
      ...events.flatMap((e) => (e.type === 'text-end' ? [{ role: 'bot' as const, text: kept(e.text), at, turnId: turn.id }] : [])),
    ];
    const next: ConversationState = {
      schema: CONVERSATION_STATE_SCHEMA,
      dialogue: { version: DIALOGUE_CONTEXT_VERSION, value: String(done.value), context: { ...done.context, turn: null } },
      ...(choice ? { locale: choice.locale } : {}),
    };
    const route = scratch?.route ?? 'classifier';
    const result: TurnResult = {
      turnId: turn.id,
      conversationId: turn.conversationId,
      status: runtime.signal.aborted ? 'superseded' : 'completed',
      events,
      intent: route === 'model' ? intentOfCommands(scratch?.modelCommands ?? [], options.registry) : (scratch?.intent ?? null),
      route,
    };
    return {
      result,
      commit: {
        conversationId: turn.conversationId,
        expectedVersion: stored?.version ?? 0,
        state: next,
        results: turns.map((t) => ({ ...result, turnId: t.id })),
        lines: [...inline.map((l) => ({ ...l, text: kept(l.text) })), ...lines],
      },
      timings: { loadMs, ...scratch?.timings, runMs: now() - started },
      route,
      dialogueState: next.dialogue.value,
    };
  };
}

/** What {@link runDialogue} needs: the machine, where it stands, the event, and how to run and say things. */
export interface RunDialogueOptions {
  machine: DialogueMachine;
  snapshot: SnapshotFrom<DialogueMachine>;
  event: DialogueEvent;
  effects: TurnEffects;
  runtime: TurnRuntime;
  /** Receives what the dialogue says, in order. */
  say: (output: DialogueOutput) => void;
}

type Snapshot = SnapshotFrom<DialogueMachine>;
type Effect = { id: string; src: keyof TurnEffects; input: unknown };

/**
 * The one runner of a turn's effects. The dialogue machine is used as a pure function: each `transition` returns
 * the next snapshot and the effects to run as data (the invoked `understand`, `generate` or `executeCommand`, and
 * the outputs it emits). This runs the effect through the injected {@link TurnEffects}, feeds its result (or
 * error) back as the machine's done (or error) event, and stops when the machine waits for the user. An effect
 * error the machine does not handle (a store failure) is thrown.
 */
export async function runDialogue(options: RunDialogueOptions): Promise<Snapshot> {
  const { machine, effects, runtime, say } = options;
  let [snapshot, actions] = transition(machine, options.snapshot, options.event);
  for (;;) {
    let effect: Effect | undefined;
    for (const action of actions as ReadonlyArray<{ type: string; params?: unknown }>) {
      if (action.type === 'xstate.emit') say((action.params as { event: DialogueOutput }).event);
      else if (action.type === 'xstate.spawnChild') effect = action.params as Effect;
    }
    if (snapshot.status === 'error') throw snapshot.error;
    if (snapshot.hasTag('waiting') || snapshot.status !== 'active' || !effect) return snapshot;
    const event = await runEffect(effects, effect, runtime);
    [snapshot, actions] = transition(machine, snapshot, event as never);
  }
}

async function runEffect(effects: TurnEffects, effect: Effect, runtime: TurnRuntime) {
  const run = effects[effect.src] as (input: unknown, runtime: TurnRuntime) => Promise<unknown>;
  try {
    return { type: `xstate.done.actor.${effect.id}`, output: await run(effect.input, runtime), actorId: effect.id };
  } catch (error) {
    return { type: `xstate.error.actor.${effect.id}`, error, actorId: effect.id };
  }
}
