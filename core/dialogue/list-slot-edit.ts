import type { ExtractedEntity } from '../../engine/nlu/entity.ts';

/** Words right before a value that take it out ("no onions", "without the olives", "hold the ham", "sin cebolla"). */
const removalBefore =
  /(?<![\p{L}\p{N}])(no|not|without|remove|minus|hold|drop|skip|less|sin|quita|quitar|quítale|quitale|elimina|eliminar|menos)(\s+(the|any|of|off|out|el|la|los|las|de))*\s*$/iu;
/** Words after a value that take it out ("the olives off", "onions out"). */
const removalAfter = /^\s*(off|out)(?![\p{L}\p{N}])/iu;
/** Words that add to what the list holds ("add olives", "mushrooms too", "también champiñones"). */
const additive =
  /(?<![\p{L}\p{N}])(add|also|plus|too|as well|extra|another|añade|añadir|agrega|agregar|ponle|también|tambien|además|ademas)(?![\p{L}\p{N}])/iu;
/** Words that add only in a statement: "and ham" adds, "do you have olives and ham?" asks. */
const joining = /(?<![\p{L}\p{N}])(and|with|more|y|con|más|mas)(?![\p{L}\p{N}])/iu;
const questionLike = /\?\s*$|^\s*(what|which|do|does|is|are|how|qué|que|cuál|cual|cuáles|cuales|tienen|hay)(?![\p{L}\p{N}])/iu;
/** Words that replace the list ("make it ham", "olives instead", "just mushrooms", "mejor jamón"). */
const replacing =
  /(?<![\p{L}\p{N}])(instead|only|just|make it|make that|switch|change|rather|actually|i meant|i mean|en vez de|en lugar de|solo|sólo|mejor|que sea|que sean|en realidad)(?![\p{L}\p{N}])/iu;

/** How a turn changes a list slot, and whether it said so in words (a cue) or only named values. */
export interface ListSlotEdit {
  value: unknown[];
  cue: boolean;
}

/**
 * The list a slot holds after a turn that names some of its entity's values: values after "no"/"without"/"remove"
 * are taken out; the others are added when the turn says so ("add", "too", "and", "también") or replace the list
 * when it says that ("instead", "make it", "actually", or nothing at all). "no pepperoni, add ham" on
 * [pepperoni, olives] gives [olives, ham]; "actually no pepperoni, make it ham" gives [ham].
 * @param found the turn's values of the slot's entity, in any order
 */
export function editListSlot(text: string, found: readonly ExtractedEntity[], current: readonly unknown[]): ListSlotEdit {
  const sorted = [...found].sort((a, b) => a.start - b.start);
  const removed = new Set<unknown>();
  const kept: unknown[] = [];
  let from = 0;
  for (const entity of sorted) {
    const before = text.slice(from, entity.start);
    const after = text.slice(entity.end);
    if (removalBefore.test(before) || removalAfter.test(after)) removed.add(entity.value);
    else if (!kept.includes(entity.value)) kept.push(entity.value);
    from = entity.end;
  }
  // The words around the values, without them: "and" inside "mushrooms and olives" joins two values, it adds nothing.
  const between = sorted.length > 1 ? text.slice(sorted[0]!.end, sorted.at(-1)!.start) : '';
  const outside = `${text.slice(0, sorted[0]?.start ?? 0)} ${text.slice(sorted.at(-1)?.end ?? 0)}`;
  const adding = (words: string) => additive.test(words) || (!questionLike.test(text) && joining.test(words));
  const adds = adding(outside) || (kept.length === 1 && adding(between));
  const replaces = replacing.test(text);
  const remaining = current.filter((v) => !removed.has(v));
  if (kept.length === 0) return { value: remaining, cue: removed.size > 0 };
  if (adds && !replaces) return { value: [...remaining, ...kept.filter((v) => !remaining.includes(v))], cue: true };
  return { value: kept, cue: replaces || removed.size > 0 };
}
