import type { EntityLocale } from '../entity-locale.ts';
import type { BuiltinMatch } from './builtin-match.ts';

/** Reads the cardinal numbers of a text (the `number` kind's reader), so that "four" and "cuatro" count as 4. */
export type NumberReader = (text: string, locale: EntityLocale) => BuiltinMatch[];

/** How one language says who comes along. */
interface PeopleWords {
  /** Nouns that count people: "2 adults", "tres niños". */
  plural: string;
  /** One companion named by relation: "my wife", "mi hermana". */
  companion: string;
  /** The speaker as one of a group: "me", "I", "myself", "yo". */
  self: string;
  /** The speaker alone, anywhere in the message: "just me", "by myself", "solo yo". */
  alone: string;
  /** A whole message that is the speaker ("me", "it's just me", "yo"). */
  onlySelf: RegExp;
  /** "the four of us", "we are 4", "somos cuatro": the number is the whole group, whatever else is said. */
  whole: string[];
  /** "a table for 2", "for 4", a bare "4": the number is the group unless people are counted one by one. */
  group: string[];
  /** "me and my kids", "yo y mis hijos": how many is not said, so nothing is read. */
  unsaid: string;
  /** Words that join people: "and", "with", "y", "con". */
  joins: string;
}

const N = '#\\d+#';
const words: Record<EntityLocale, PeopleWords> = {
  en: {
    plural: 'people|persons?|guests?|adults?|grown-?ups?|kids?|children|child|babies|toddlers|infants|teens|teenagers|seniors|students|friends|colleagues|coworkers|members|players|boys|girls|men|women|diners|pax|of us',
    companion:
      '(?:my|a|one|another|our)\\s+(?:wife|husband|partner|spouse|girlfriend|boyfriend|fiancee?|friend|colleague|coworker|son|daughter|kid|child|baby|toddler|mom|mum|mother|dad|father|brother|sister|sibling|grandma|grandmother|grandpa|grandfather|aunt|uncle|cousin|niece|nephew|roommate|neighbou?r|guest|date|plus[- ]one)',
    self: 'me|myself|i',
    alone: '(?:just|only)\\s+(?:me|myself|one(?:\\s+person)?)|me\\s+alone|by\\s+myself|on\\s+my\\s+own|one\\s+person',
    onlySelf: /^(?:(?:it'?s|it\s+is|just|only)\s+)*(?:me|myself|one)(?:\s+(?:alone|only))?\s*,?\s*(?:please|thanks)?[.!]?$/iu,
    whole: [`(?:the|all)\\s+(${N})\\s+of\\s+us`, `(${N})\\s+of\\s+us`, `\\bwe(?:'re|\\s+are|re|\\s+will\\s+be|'ll\\s+be)\\s+(${N})`],
    group: [
      `(?:party|group|family|table|booking|reservation)\\s+(?:of|for)\\s+(${N})`,
      `^\\s*(?:for\\s+)?(${N})\\s*(?:please|pls|thanks|thank you)?\\s*[.!]?\\s*$`,
      `\\bfor\\s+(${N})(?!\\s*(?:am|pm|o'?clock|:|h\\b|hours?|minutes?|days?|weeks?|nights?))`,
    ],
    unsaid: '(?:my|our|the|some)\\s+(?:kids|children|friends|family|parents|colleagues|coworkers|guests|folks|grandparents|siblings)',
    joins: 'and|with|plus|\\+|&',
  },
  es: {
    plural:
      'personas?|adultos?|mayores|niños?|niñas?|chicos|chicas|hijos|hijas|amigos|amigas|compañeros|compañeras|invitad[oa]s?|comensales|bebés?',
    companion:
      '(?:mi|un|una|otro|otra)\\s+(?:mujer|marido|esposa|esposo|pareja|novia|novio|amigo|amiga|compañero|compañera|hijo|hija|niño|niña|bebé|madre|padre|mamá|papá|hermano|hermana|abuela|abuelo|tía|tío|primo|prima|sobrino|sobrina|vecino|vecina|invitado|invitada|acompañante)',
    self: 'yo|mí',
    alone: 'solo\\s+yo|yo\\s+sol[oa]|únicamente\\s+yo|solo\\s+para\\s+mí|para\\s+mí\\s+sol[oa]|una\\s+persona',
    onlySelf: /^(?:(?:solo|sólo|únicamente)\s+)?(?:yo|para\s+mí)(?:\s+sol[oa])?\s*,?\s*(?:por favor|gracias)?[.!]?$/iu,
    whole: [`\\b(?:somos|seremos|seríamos|vamos|iremos)\\s+(${N})`],
    group: [
      `(?:mesa|reserva|grupo|familia)\\s+(?:de|para)\\s+(${N})`,
      `^\\s*(?:para\\s+)?(${N})\\s*(?:por favor|gracias)?\\s*[.!]?\\s*$`,
      `\\bpara\\s+(${N})(?!\\s*(?:de la|:|h\\b|horas?|minutos?|días?|semanas?|noches?))`,
    ],
    unsaid: '(?:mis|nuestros|nuestras|los|las|unos|unas)\\s+(?:hijos|hijas|niños|amigos|amigas|padres|compañeros|invitados|abuelos|hermanos)',
    joins: 'y|con|más|\\+|&',
  },
};

/** The text with each number replaced by `#<value>#`, and where each character of it came from. */
function markNumbers(text: string, numbers: readonly BuiltinMatch[]): { marked: string; origin: number[] } {
  let marked = '';
  const origin: number[] = [];
  let at = 0;
  for (const n of [...numbers].sort((a, b) => a.start - b.start)) {
    if (n.start < at || typeof n.value !== 'number' || !Number.isInteger(n.value) || n.value < 0) continue;
    for (; at < n.start; at++) {
      marked += text[at]!.toLowerCase();
      origin.push(at);
    }
    const token = `#${n.value}#`;
    marked += token;
    for (let i = 0; i < token.length; i++) origin.push(i === token.length - 1 ? n.end - 1 : n.start);
    at = n.end;
  }
  for (; at < text.length; at++) {
    marked += text[at]!.toLowerCase();
    origin.push(at);
  }
  return { marked, origin };
}

const value = (token: string) => Number(token.slice(1, -1));

/**
 * How many people a message says come ("just me" 1, "me and my wife" 2, "the four of us" 4, "myself and 3 friends" 4,
 * "2 adults and 3 kids" 5, "a table for 6" 6, "solo yo" 1, "mi mujer y yo" 2, "somos cuatro" 4); a bare number
 * answering "how many people?" is the count. "me and my kids" says no number, so nothing is read (the slot asks
 * again); numbers inside dates and times are left to them by the recognizer's overlap rule. Hand-written because no
 * recognizer library reads party sizes.
 */
export function findPeople(text: string, locale: EntityLocale, readNumbers: NumberReader): BuiltinMatch[] {
  const w = words[locale];
  const { marked, origin } = markNumbers(text, readNumbers(text, locale));
  const span = (start: number, end: number, count: number): BuiltinMatch[] =>
    count > 0 ? [{ start: origin[start] ?? 0, end: (origin[end - 1] ?? text.length - 1) + 1, value: count }] : [];
  const b = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}#])(?:${source})(?![\\p{L}\\p{N}#])`, 'giu');

  const first = (sources: readonly string[]): BuiltinMatch[] | undefined => {
    for (const source of sources) {
      const m = new RegExp(source, 'iu').exec(marked);
      if (m?.[1]) return span(m.index, m.index + m[0].length, value(m[1]));
    }
    return undefined;
  };
  const whole = first(w.whole);
  if (whole) return whole;
  if (b(w.unsaid).test(marked)) return [];
  // Counted people and named companions add up, with the speaker when joined to them ("me and 3 friends").
  const parts: Array<{ start: number; end: number; count: number }> = [];
  for (const m of marked.matchAll(b(`(${N})\\s+(?:more\\s+|other\\s+|más\\s+|otros\\s+|otras\\s+)?(?:[\\p{L}-]+\\s+)?(?:${w.plural})`))) {
    parts.push({ start: m.index, end: m.index + m[0].length, count: value(m[1]!) });
  }
  for (const m of marked.matchAll(b(w.companion))) {
    if (!parts.some((p) => p.start <= m.index && m.index < p.end)) parts.push({ start: m.index, end: m.index + m[0].length, count: 1 });
  }
  if (parts.length === 0) {
    const group = first(w.group);
    if (group) return group;
    const alone = b(w.alone).exec(marked);
    if (alone) return span(alone.index, alone.index + alone[0].length, 1);
    return w.onlySelf.test(marked.trim()) ? span(0, marked.length, 1) : [];
  }
  // The speaker counts when listed with the others: "me and 3 friends", "my wife and I", "me, my husband and …".
  const self = b(`(?:${w.self})(?=\\s*(?:,|(?:${w.joins})(?![\\p{L}])))|(?<=(?:,|(?<![\\p{L}])(?:${w.joins}))\\s*)(?:${w.self})`).exec(marked);
  const all = self ? [...parts, { start: self.index, end: self.index + self[0].length, count: 1 }] : parts;
  const start = Math.min(...all.map((p) => p.start));
  const end = Math.max(...all.map((p) => p.end));
  return span(start, end, all.reduce((sum, p) => sum + p.count, 0));
}
