import { UnsupportedPatternError } from '../unsupported-pattern-error.ts';
import {
  anyCharSet,
  asciiRange,
  type CharSet,
  classEscapeSet,
  emptyCharSet,
  negateCharSet,
  unionCharSets,
} from './char-set.ts';

/** A parsed pattern: the regular-expression subset the constrained decoder compiles to an automaton. */
export type PatternNode =
  | { type: 'chars'; set: CharSet }
  | { type: 'seq'; items: PatternNode[] }
  | { type: 'alt'; options: PatternNode[] }
  | { type: 'repeat'; node: PatternNode; min: number; max: number };

/** Largest non-ASCII range a class may spell out (`[à-ÿ]`); bigger ones are rejected. */
const maxNonAsciiRange = 1024;
/** Largest `{n,m}` bound; bigger ones are rejected rather than expanded. */
const maxRepeat = 1000;

const dotSet = (): CharSet => {
  const set = anyCharSet();
  const ascii = new Uint8Array(set.ascii);
  ascii[0x0a] = 0;
  ascii[0x0d] = 0;
  return { ascii, nonAscii: 'all' };
};

const single = (code: number): CharSet => {
  if (code < 128) return asciiRange(code, code);
  return { ascii: new Uint8Array(128), nonAscii: [code] };
};

/**
 * Parses an ECMAScript `pattern` (JSON Schema semantics: unanchored unless it starts with `^` / ends with
 * `$`) into a {@link PatternNode} that matches whole strings. Supported: literals, `.`, classes with
 * ranges and negation, `\d \w \s` and their negations, escapes, groups (capturing, `(?:`, named), `|`,
 * `? * + {n} {n,} {n,m}` (lazy forms too), `^` and `$` at the ends of top-level alternatives.
 * @throws UnsupportedPatternError for anything else (lookarounds, back-references, `\b`, `\p{…}`, flags).
 */
export function parsePattern(pattern: string): PatternNode {
  let pos = 0;
  const fail = (reason: string, at = pos): never => {
    throw new UnsupportedPatternError(pattern, at, reason);
  };
  const peek = (): string | undefined => pattern[pos];
  const codeAt = (): number => {
    const code = pattern.codePointAt(pos);
    if (code === undefined) return fail('unexpected end');
    return code;
  };

  const hex = (digits: number): number => {
    const text = pattern.slice(pos, pos + digits);
    if (text.length !== digits || !/^[0-9a-fA-F]+$/.test(text)) fail('bad hexadecimal escape');
    pos += digits;
    return Number.parseInt(text, 16);
  };

  /** After a backslash: a character class escape or one code point. */
  const readEscape = (inClass: boolean): CharSet => {
    const letter = peek();
    if (letter === undefined) return fail('pattern ends with a backslash');
    pos++;
    switch (letter) {
      case 'd':
      case 'w':
      case 's':
        return classEscapeSet(letter);
      case 'D':
      case 'W':
      case 'S':
        return negateCharSet(classEscapeSet(letter.toLowerCase() as 'd' | 'w' | 's'))!;
      case 'n':
        return single(0x0a);
      case 'r':
        return single(0x0d);
      case 't':
        return single(0x09);
      case 'v':
        return single(0x0b);
      case 'f':
        return single(0x0c);
      case '0':
        return single(0);
      case 'b':
        return inClass ? single(0x08) : fail('word boundaries (\\b) are not supported', pos - 2);
      case 'x':
        return single(hex(2));
      case 'u': {
        if (peek() === '{') {
          const end = pattern.indexOf('}', pos);
          if (end < 0) fail('unterminated \\u{');
          const code = Number.parseInt(pattern.slice(pos + 1, end), 16);
          if (!Number.isFinite(code) || code > 0x10ffff) fail('bad \\u{…} escape');
          pos = end + 1;
          return single(code);
        }
        return single(hex(4));
      }
      default:
        if ('^$\\.*+?()[]{}|/-'.includes(letter)) return single(letter.charCodeAt(0));
        return fail(`escape \\${letter} is not supported`, pos - 2);
    }
  };

  const classAtom = (): CharSet | number => {
    if (peek() === '\\') {
      pos++;
      const set = readEscape(true);
      const only = singleCode(set);
      return only ?? set;
    }
    const code = codeAt();
    pos += code > 0xffff ? 2 : 1;
    return code;
  };

  const charClass = (): CharSet => {
    const start = pos - 1;
    let negated = false;
    if (peek() === '^') {
      negated = true;
      pos++;
    }
    const parts: CharSet[] = [];
    while (peek() !== ']') {
      if (peek() === undefined) fail('unterminated character class', start);
      const low = classAtom();
      if (peek() === '-' && pattern[pos + 1] !== ']' && pattern[pos + 1] !== undefined) {
        pos++;
        const high = classAtom();
        if (typeof low !== 'number' || typeof high !== 'number')
          return fail('a class escape cannot bound a range');
        if (high < low) fail('range out of order');
        parts.push(codeRange(low, high, fail));
      } else {
        parts.push(typeof low === 'number' ? single(low) : low);
      }
    }
    pos++;
    const set = unionCharSets(parts);
    if (!negated) return set;
    return negateCharSet(set) ?? fail('a negated class may not list non-ASCII characters', start);
  };

  const quantifier = (): { min: number; max: number } | null => {
    const c = peek();
    const simple =
      c === '?'
        ? { min: 0, max: 1 }
        : c === '*'
          ? { min: 0, max: Infinity }
          : c === '+'
            ? { min: 1, max: Infinity }
            : null;
    if (simple) {
      pos++;
      return simple;
    }
    if (c !== '{') return null;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(pos));
    if (!match) return null;
    pos += match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Number.POSITIVE_INFINITY : Number(match[3]);
    if (max < min) fail('quantifier range out of order');
    if (min > maxRepeat || (Number.isFinite(max) && max > maxRepeat))
      fail(`repetition bounds above ${maxRepeat}`);
    return { min, max };
  };

  const atom = (depth: number): PatternNode => {
    const c = peek()!;
    if (c === '(') {
      const start = pos;
      pos++;
      if (peek() === '?') {
        const kind = pattern.slice(pos, pos + 3);
        if (kind.startsWith('?:')) pos += 2;
        else if (kind.startsWith('?<') && kind !== '?<=' && kind !== '?<!') {
          const end = pattern.indexOf('>', pos);
          if (end < 0) fail('unterminated group name');
          pos = end + 1;
        } else fail('lookarounds and inline flags are not supported', start);
      }
      const inner = alternation(depth + 1);
      if (peek() !== ')') fail('unterminated group', start);
      pos++;
      return inner;
    }
    if (c === '[') {
      pos++;
      return { type: 'chars', set: charClass() };
    }
    if (c === '.') {
      pos++;
      return { type: 'chars', set: dotSet() };
    }
    if (c === '\\') {
      pos++;
      if (/[1-9k]/.test(peek() ?? '')) fail('back-references are not supported', pos - 1);
      if (peek() === 'p' || peek() === 'P') fail('Unicode property escapes are not supported', pos - 1);
      return { type: 'chars', set: readEscape(false) };
    }
    if (c === ')' || c === '*' || c === '+' || c === '?') return fail(`unexpected "${c}"`);
    const code = codeAt();
    pos += code > 0xffff ? 2 : 1;
    return { type: 'chars', set: single(code) };
  };

  interface Branch {
    node: PatternNode;
    anchoredStart: boolean;
    anchoredEnd: boolean;
  }

  const sequence = (depth: number): Branch => {
    const items: PatternNode[] = [];
    let anchoredStart = false;
    let anchoredEnd = false;
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') {
      if (peek() === '^') {
        if (depth > 0 || items.length > 0 || anchoredStart) fail('"^" is only supported at the start');
        anchoredStart = true;
        pos++;
        continue;
      }
      if (peek() === '$') {
        pos++;
        if (depth > 0 || (pos < pattern.length && peek() !== '|'))
          fail('"$" is only supported at the end', pos - 1);
        anchoredEnd = true;
        continue;
      }
      let node = atom(depth);
      for (let q = quantifier(); q; q = quantifier()) {
        if (peek() === '?') pos++;
        node = { type: 'repeat', node, min: q.min, max: q.max };
      }
      items.push(node);
    }
    return { node: items.length === 1 ? items[0]! : { type: 'seq', items }, anchoredStart, anchoredEnd };
  };

  const alternation = (depth: number): PatternNode => {
    const branches = [sequence(depth)];
    while (peek() === '|') {
      pos++;
      branches.push(sequence(depth));
    }
    const anyStar: PatternNode = {
      type: 'repeat',
      node: { type: 'chars', set: anyCharSet() },
      min: 0,
      max: Infinity,
    };
    const options = branches.map((branch) =>
      depth > 0
        ? branch.node
        : ({
            type: 'seq',
            items: [
              ...(branch.anchoredStart ? [] : [anyStar]),
              branch.node,
              ...(branch.anchoredEnd ? [] : [anyStar]),
            ],
          } as PatternNode),
    );
    return options.length === 1 ? options[0]! : { type: 'alt', options };
  };

  const node = alternation(0);
  if (pos < pattern.length) fail(`unexpected "${peek()}"`);
  return node;
}

function singleCode(set: CharSet): number | null {
  if (set.nonAscii !== 'all' && set.nonAscii.length === 1 && !set.ascii.includes(1)) return set.nonAscii[0]!;
  if (set.nonAscii !== 'all' && set.nonAscii.length === 0) {
    let found = -1;
    for (let i = 0; i < 128; i++) {
      if (set.ascii[i] === 1) {
        if (found >= 0) return null;
        found = i;
      }
    }
    return found >= 0 ? found : null;
  }
  return null;
}

function codeRange(low: number, high: number, fail: (reason: string) => never): CharSet {
  const set = emptyCharSet();
  set.ascii.fill(1, low, Math.min(high, 127) + 1);
  if (high >= 128) {
    const from = Math.max(low, 128);
    if (high - from + 1 > maxNonAsciiRange) fail(`non-ASCII ranges above ${maxNonAsciiRange} characters`);
    const points: number[] = [];
    for (let code = from; code <= high; code++) points.push(code);
    set.nonAscii = points;
  }
  return set;
}
