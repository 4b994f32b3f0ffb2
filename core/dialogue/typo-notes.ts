import type { ExtractedEntity } from '../../engine/nlu/entity.ts';
import type { DialogueMessages } from '../contracts/dialogue-messages.ts';
import type { DialogueCommand } from '../dialogue-command.ts';

const carries = (value: unknown, entity: ExtractedEntity) =>
  value === entity.value || (Array.isArray(value) && value.includes(entity.value));

/**
 * Prefixes the commands with a note for every value that was read through a typo and is about to fill a slot
 * ("I took "larg" to mean large."), so that the user sees what the bot understood and can correct it.
 */
export function withTypoNotes(
  commands: DialogueCommand[],
  entities: readonly ExtractedEntity[],
  messages: Pick<DialogueMessages, 'understoodAs'>,
): DialogueCommand[] {
  const notes: DialogueCommand[] = [];
  for (const entity of entities) {
    if (entity.matched === undefined) continue;
    const used = commands.some((c) => (c.type === 'set_slot' || c.type === 'correct_slot') && carries(c.value, entity));
    if (used) notes.push({ type: 'chitchat', text: messages.understoodAs(entity.text, String(entity.value)) });
  }
  return notes.length > 0 ? [...notes, ...commands] : commands;
}
