import type { EntityDefinition } from '../../engine/nlu/entity.ts';
import type { SeededRandom } from '../../engine/nlu/seeded-random.ts';

const openers = ['', '', '', 'hi, ', 'hello, ', 'hey ', 'excuse me, ', 'quick question: ', 'um ', 'so ', 'ok ', 'please ', 'hi there! ', 'good morning, '];
const closers = ['', '', '', '?', ' please', ' thanks', '!', ' thank you', ' asap', ', thanks in advance', '.'];

const pick = <T>(rng: SeededRandom, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)]!;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A new value shaped like `value`: every digit and letter replaced by a random one of its kind. */
export function reshape(value: string, rng: SeededRandom): string {
  return value.replace(/[0-9]/g, () => String(Math.floor(rng.next() * 10))).replace(/[a-z]/g, () => String.fromCharCode(97 + Math.floor(rng.next() * 26)));
}

/** One typo in a word of four letters or more: a letter dropped or two swapped. */
function typo(text: string, rng: SeededRandom): string {
  const words = text.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{4,}$/i.test(w));
  if (long.length === 0) return text;
  const [word, index] = pick(rng, long);
  const at = 1 + Math.floor(rng.next() * (word.length - 2));
  words[index] = rng.next() < 0.5 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(' ');
}

/**
 * A variant of an example utterance, as users write: other values of the lookup entities it mentions
 * (another city), regex and digit-string entity values reshaped (another order number), greetings and politeness around it,
 * case changes and the odd typo. The meaning — intent and which entities — stays the same.
 */
export function varyUtterance(text: string, entities: Readonly<Record<string, EntityDefinition>>, rng: SeededRandom): string {
  let out = text;
  for (const definition of Object.values(entities)) {
    if (definition.kind === 'regex') {
      const flags = definition.pattern.flags.includes('g') ? definition.pattern.flags : `${definition.pattern.flags}g`;
      out = out.replace(new RegExp(definition.pattern.source, flags), (m) => reshape(m, rng));
    } else if (definition.kind === 'digits') {
      const { min = 1, max = 20 } = definition.length ?? {};
      out = out.replace(/(?<!\d)\d+(?!\d)/g, (m) => (m.length >= min && m.length <= max ? reshape(m, rng) : m));
    } else if (definition.kind === 'lookup' && rng.next() < 0.7) {
      const forms = Object.entries(definition.values).flatMap(([canonical, aliases]) => [canonical, ...aliases]);
      for (const form of [...forms].sort((a, b) => b.length - a.length)) {
        const re = new RegExp(`\\b${escapeRegExp(form)}\\b`, 'i');
        if (re.test(out)) {
          out = out.replace(re, pick(rng, forms));
          break;
        }
      }
    }
  }
  const roll = rng.next();
  if (roll < 0.3) out = out.toLowerCase();
  else if (roll < 0.45) out = out.charAt(0).toUpperCase() + out.slice(1);
  out = `${pick(rng, openers)}${out.replace(/[?.!]+$/, rng.next() < 0.5 ? '' : '$&')}${pick(rng, closers)}`;
  if (rng.next() < 0.12) out = typo(out, rng);
  return out.replace(/\s+/g, ' ').trim();
}
