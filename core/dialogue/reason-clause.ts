import type { FlowDefinition } from '../../skills/flow-definition.ts';
import type { SlotDefinition } from '../../skills/slot-definition.ts';
import type { DialogueCommand } from '../dialogue-command.ts';
import type { SkillRegistry } from '../skill-registry.ts';

/** A question asking for a reason, in English or Spanish ("Why are you returning it?", "¿Por qué lo devuelves?"). */
const asksWhy = /^\s*¿?\s*(?:why|por\s+qu[eé]|what(?:'s|\s+is)\s+the\s+reason|for\s+what\s+reason|cu[aá]l\s+es\s+el\s+motivo)(?![\p{L}])/iu;
const reasonLabel = /^(?:reason|motivo|raz[oó]n)$/i;
/** The clause that gives a reason: "… because it's too small", "… porque no me queda bien". */
const becauseClause = /(?<![\p{L}])(?:because|'cause|cause|cuz|coz|porque|ya\s+que)\s+(.+?)[\s.!?]*$/iu;

function asksForReason(slot: SlotDefinition): boolean {
  const prompt = typeof slot.prompt === 'string' ? slot.prompt : typeof slot.prompt === 'object' ? slot.prompt.text : '';
  return slot.entity === undefined && (asksWhy.test(prompt) || reasonLabel.test(slot.label ?? ''));
}

/** The flow's one free-text slot that asks why, if it has exactly one. */
function reasonSlot(flow: FlowDefinition | undefined): string | undefined {
  const slots = Object.entries(flow?.slots ?? {}).filter(([, slot]) => asksForReason(slot));
  return slots.length === 1 ? slots[0]![0] : undefined;
}

/**
 * A request that starts a flow and says why ("I want to return order 12345 because it's too small") also answers the
 * flow's reason question: the "because …" clause fills its one free-text slot that asks why (by its prompt, "Why …?",
 * "¿Por qué …?", or its label "reason"). Other slots a free-text answer could mean are left to be asked.
 */
export function withReasonClause(commands: DialogueCommand[], registry: SkillRegistry, text: string): DialogueCommand[] {
  const start = commands.find((c) => c.type === 'start_flow');
  if (start?.type !== 'start_flow') return commands;
  const name = reasonSlot(registry.flows.get(start.flow));
  const reason = text.match(becauseClause)?.[1]?.trim();
  if (!name || !reason || commands.some((c) => c.type === 'set_slot' && c.name === name)) return commands;
  return [...commands, { type: 'set_slot', name, value: reason }];
}
