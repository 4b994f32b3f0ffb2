import type { EntitySource, RecognizedEntity } from './recognized-entity.ts';

const sourceRank: Record<EntitySource, number> = { regex: 0, lookup: 1, builtin: 2, learned: 3 };
const overlaps = (a: RecognizedEntity, b: RecognizedEntity) => a.start < b.end && b.start < a.end;

/**
 * Decides between candidates so that the same text gives the same entities every time:
 *
 * 1. A learned span selects among typed candidates of its name: when the tagger marked where an entity of a
 *    built-in type is ("a table for [four](guests) at 7"), only the built-in matches of that name inside learned
 *    spans stay, carrying their normalised value; with no learned span of the name in the text, every built-in
 *    match stays (a bare "4" answering "how many guests?").
 * 2. Of overlapping candidates of one name, the first by source (regex, lookup, built-in, learned), then the
 *    longer span, then the earlier start wins.
 * 3. Entities of different names may overlap (an order number is also a number): each slot reads its own.
 *
 * `typed` names the entities declared with a built-in kind. Results are sorted by start, longer spans first, then
 * by name.
 */
export function resolveEntityOverlaps(candidates: readonly RecognizedEntity[], typed: ReadonlySet<string>): RecognizedEntity[] {
  const learned = candidates.filter((c) => c.source === 'learned');
  const selected = candidates.filter((c) => {
    if (!typed.has(c.entity)) return true;
    const spans = learned.filter((l) => l.entity === c.entity);
    if (c.source === 'learned') return false;
    return spans.length === 0 || spans.some((l) => overlaps(l, c));
  });
  const ordered = [...selected].sort(
    (a, b) => sourceRank[a.source] - sourceRank[b.source] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: RecognizedEntity[] = [];
  for (const candidate of ordered) {
    if (!kept.some((k) => k.entity === candidate.entity && overlaps(k, candidate))) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start || b.end - a.end || a.entity.localeCompare(b.entity));
}
