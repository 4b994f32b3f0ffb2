import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import type { ConversationState } from '../../core/conversation-state.ts';
import type { SkillRegistry } from '../../core/skill-registry.ts';
import type { SpokenAnswer } from './spoken-answer.ts';

/**
 * What the bot is waiting for in a conversation, read from its stored dialogue state: the slot being asked (with
 * its entity and label), yes or no (a confirmation, or whether to drop a flow), or one of the options of a
 * clarifying question. Undefined when it waits for nothing in particular or the state is not readable.
 */
export async function awaitedAnswer(store: ConversationStore, registry: SkillRegistry, conversationId: string): Promise<SpokenAnswer | undefined> {
  const stored = await store.load(conversationId);
  const pending = (stored?.state as Partial<ConversationState> | undefined)?.dialogue?.context?.pending;
  if (!pending) return undefined;
  switch (pending.kind) {
    case 'slot': {
      const slot = registry.flows.get(pending.flow)?.slots?.[pending.slot];
      if (!slot) return undefined;
      return { kind: 'slot', flow: pending.flow, slot: pending.slot, ...(slot.entity ? { entity: slot.entity } : {}), label: slot.label ?? pending.slot.replaceAll('_', ' ') };
    }
    case 'confirm':
    case 'cancel':
      return { kind: 'yes-no' };
    case 'clarify':
      return { kind: 'choice', options: pending.options };
    default:
      return undefined;
  }
}
