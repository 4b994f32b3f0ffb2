import type { Card, Suggestion } from '../contracts/bot-event.ts';
import type { ExtractedEntity } from '../../engine/nlu/entity.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { ChannelUser } from '../contracts/user-turn.ts';

/** Layout version of {@link DialogueContext}; bump it and add a migration when the layout changes. */
export const DIALOGUE_CONTEXT_VERSION = 2;

/** One active flow: plain data, so it survives restarts and skill changes. */
export interface FlowFrame {
  flow: string;
  /** Index of the next step to run. */
  step: number;
  slots: Record<string, unknown>;
  /** Command results by command name. */
  results: Record<string, unknown>;
  /** Commands with side effects the user has confirmed in this flow. */
  confirmed: string[];
  /** Invalid answers in a row to the current question. */
  attempts: number;
}

/** A question of a flow or of the dialogue the bot asked and is waiting for. */
export type QuestionPending =
  | { kind: 'slot'; flow: string; slot: string }
  | { kind: 'confirm'; flow: string; command: string }
  | { kind: 'clarify'; options: string[]; entities: ExtractedEntity[] };

/**
 * What the bot asked and is waiting for: a question, or whether to drop a flow that has a side effect ahead
 * ("Cancel your order?"), with the question to return to when the user says no.
 */
export type Pending =
  | QuestionPending
  | { kind: 'cancel'; flow: string; resume: QuestionPending | null }
  /** A knowledge answer offered an intent's flow ("Would you like to return an item?"): "yes" starts it. */
  | { kind: 'offer'; intent: string };

/** A reply as the dialogue produces it, before a channel renders it. */
export interface DialogueReply {
  text: string;
  speak: string;
  suggestions: readonly Suggestion[];
  card?: Card;
}

/** Effects the dialogue announces while a turn runs; the bot turns them into channel events. */
export type DialogueOutput =
  | { type: 'reply'; reply: DialogueReply }
  | { type: 'handoff'; reason: string }
  | { type: 'command-start'; name: string; args: Record<string, unknown> }
  | { type: 'command-end'; name: string; ok: boolean; error?: string };

/** What the classifier read, as the model is told it. */
export interface ClassifierReading {
  /** Top intents with their confidences, best first. */
  intents: Array<{ intent: string; confidence: number }>;
  entities: Array<{ entity: string; value: string | number | boolean }>;
}

/** The running turn, as far as the dialogue needs to know it. */
export interface TurnScratch {
  id: string;
  text: string;
  user: ChannelUser;
  /** Commands executed in this turn, in order ("name"), including calls their `authorize` hook refused. */
  executed: string[];
  /** What understanding decided, before it is applied. */
  proposed?: DialogueCommand[];
  reading?: ClassifierReading;
  /** Entities found in this turn's text. */
  entities?: ExtractedEntity[];
  /** The intent the classifier understood (null when none). */
  intent?: string | null;
  /** Who routed the turn: the classifier's reading, or the model's tool calls. */
  route?: 'classifier' | 'model';
  /** Names of the tools offered to the model this turn: commands it may have run. */
  offered?: string[];
  /** The model's calls as dialogue commands, when the model routed the turn. */
  modelCommands?: DialogueCommand[];
  /** How long understanding and generation took, in milliseconds. */
  timings?: { understandMs?: number; generateMs?: number };
}

/** The next thing the flow runner decided to do. */
export type NextAction =
  | { kind: 'call'; command: string; args: Record<string, unknown>; /** Asked for by a dialogue command, not a flow step. */ direct?: boolean }
  | { kind: 'wait' };

/** The dialogue machine's context: everything a conversation remembers between turns. */
export interface DialogueContext {
  version: number;
  stack: FlowFrame[];
  pending: Pending | null;
  /** The flow that finished last, kept so that "no, I meant 45210" can correct it. */
  recent: FlowFrame | null;
  handoff: { reason: string; at: number } | null;
  /** Flows that other requests of an earlier message asked for, started in order when the active one ends. */
  queued?: Array<{ flow: string; slots: Record<string, unknown> }>;
  /** Entity values the user has mentioned in this conversation (most recent last), for grounding model calls. */
  seen: Record<string, Array<string | number | boolean>>;
  turn: TurnScratch | null;
  next: NextAction;
  /** Outputs produced but not yet emitted. Empty between steps. */
  outbox: DialogueOutput[];
}

/** A fresh conversation's context. */
export function initialDialogueContext(): DialogueContext {
  return {
    version: DIALOGUE_CONTEXT_VERSION,
    stack: [],
    pending: null,
    recent: null,
    handoff: null,
    seen: {},
    turn: null,
    next: { kind: 'wait' },
    outbox: [],
  };
}
