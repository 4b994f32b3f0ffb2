import { DIALOGUE_CONTEXT_VERSION, type DialogueContext, initialDialogueContext, type Pending } from './dialogue-context.ts';
import { waitingStates } from './dialogue-machine.ts';

/** The outcome of reading a stored dialogue: usable as is, migrated from an older version, or reset. */
export type RestoredDialogue =
  | { status: 'current' | 'migrated'; value: string; context: DialogueContext }
  | { status: 'reset'; value: 'listening'; context: DialogueContext; reason: string };

/** Version 1 kept one list of flows with their slots and the slot being asked. */
interface DialogueV1 {
  flows: Array<{ name: string; step: number; slots: Record<string, unknown> }>;
  awaiting: { flow: string; slot: string } | null;
  handedOff?: boolean;
}

function fromV1(old: DialogueV1): DialogueContext {
  const pending: Pending | null = old.awaiting ? { kind: 'slot', flow: old.awaiting.flow, slot: old.awaiting.slot } : null;
  return {
    ...initialDialogueContext(),
    stack: old.flows.map((f) => ({ flow: f.name, step: f.step, slots: f.slots, results: {}, confirmed: [], attempts: 0 })),
    pending,
    handoff: old.handedOff ? { reason: 'human_agent', at: 0 } : null,
  };
}

const migrations: Record<number, (context: never) => DialogueContext> = { 1: fromV1 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a stored dialogue snapshot of any version. Older versions are migrated; anything unreadable
 * (unknown version, a state this machine lacks, a malformed context) is reset with the reason, never thrown.
 */
export function restoreDialogue(stored: unknown): RestoredDialogue {
  const reset = (reason: string): RestoredDialogue => ({ status: 'reset', value: 'listening', context: initialDialogueContext(), reason });
  if (!isRecord(stored) || typeof stored.version !== 'number' || !isRecord(stored.context)) {
    return reset('the stored dialogue has no version or context');
  }
  const value = String(stored.value);
  if (!(waitingStates as readonly string[]).includes(value)) return reset(`unknown dialogue state "${value}"`);
  if (stored.version === DIALOGUE_CONTEXT_VERSION) {
    const context = stored.context as unknown as DialogueContext;
    if (!Array.isArray(context.stack)) return reset('the stored dialogue has no flow stack');
    return { status: 'current', value, context: { ...context, seen: context.seen ?? {}, turn: null, outbox: [], next: { kind: 'wait' } } };
  }
  const migrate = migrations[stored.version];
  if (!migrate) return reset(`dialogue version ${stored.version} cannot be migrated to ${DIALOGUE_CONTEXT_VERSION}`);
  try {
    return { status: 'migrated', value, context: migrate(stored.context as never) };
  } catch (error) {
    return reset(`migrating dialogue version ${stored.version} failed: ${String(error)}`);
  }
}
