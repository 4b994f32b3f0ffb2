import type { EntitySource, RecognizedEntity } from './recognized-entity.ts';

const sourceRank: Record<EntitySource, number> = { regex: 0, lookup: 1, builtin: 2, learned: 3 };
const overlaps = (a: RecognizedEntity, b: RecognizedEntity) => a.start < b.end && b.start < a.end;
const within = (inner: RecognizedEntity, outer: RecognizedEntity) => outer.start <= inner.start && inner.end <= outer.end;

/** Built-in readings that a bare number inside them belongs to: the 3 of "tomorrow at 3pm", the 2 of "two hours". */
const numberHolders: ReadonlySet<string> = new Set(['date', 'time', 'datetime', 'duration', 'money', 'percentage', 'phone', 'email', 'url']);
const bareNumbers: ReadonlySet<string> = new Set(['number', 'ordinal', 'people']);

/** A number, ordinal or people count that is part of a richer built-in reading: not a count of its own. */
function insideRicherReading(candidate: RecognizedEntity, all: readonly RecognizedEntity[]): boolean {
  if (candidate.source !== 'builtin' || !bareNumbers.has(candidate.extractor)) return false;
  return all.some((other) => other.source === 'builtin' && numberHolders.has(other.extractor) && within(candidate, other));
}

/**
 * Decides between candidates so that the same text gives the same entities every time:
 *
 * 1. A learned span selects among typed candidates of its name: when the tagger marked where an entity of a
 *    built-in type is ("a table for [four](guests) at 7"), only the built-in matches of that name inside learned
 *    spans stay, carrying their normalised value; with no learned span of the name in the text, every built-in
 *    match stays (a bare "4" answering "how many guests?").
 * 2. Of overlapping candidates of one name, the first by source (regex, lookup, built-in, learned), then the
 *    longer span, then the earlier start wins.
 * 3. Entities of different names may overlap (an order number is also a number): each slot reads its own —
 *    except that a built-in number or ordinal inside a date, time, duration, money, percentage, phone, e-mail or
 *    URL of another entity is part of that reading, not a number of its own ("tomorrow at 3pm" gives no 3 to a
 *    "how many people" slot).
 *
 * `typed` names the entities declared with a built-in kind. Results are sorted by start, longer spans first, then
 * by name.
 */
export function resolveEntityOverlaps(candidates: readonly RecognizedEntity[], typed: ReadonlySet<string>): RecognizedEntity[] {
  const learned = candidates.filter((c) => c.source === 'learned');
  const selected = candidates.filter((c) => {
    if (insideRicherReading(c, candidates)) return false;
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
