import type { StringNode } from '../schema-node.ts';
import { clamp, type Frame, push, type Stack } from './frame.ts';
import { utf8Lead } from './utf8-lead.ts';

const body = 0;
const escaped = 1;
/** Phases 2..5: expecting hex digit 1..4 of a `\uXXXX` escape. */
const hexDigit = 2;
/** Expecting hex digit 2 after a `d`: only 0-7, so no surrogate halves. */
const hexAfterD = 6;

/** Decoded byte of each single-character JSON escape, by the letter after the backslash. */
const escapes = new Map<number, number>([
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x2f, 0x2f],
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
]);

const isHex = (byte: number): boolean =>
  (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);

/**
 * The inside of a JSON string, after its opening quote: checks UTF-8, runs the pattern automaton over the
 * decoded bytes and counts length two ways, so that both JSON Schema (code points) and JavaScript
 * validators such as zod (UTF-16 units) agree: `minLength` against code points, `maxLength` against UTF-16
 * units (a character outside the BMP counts 2). `\uXXXX` escapes are allowed only in strings without a
 * pattern, and never for surrogate halves.
 */
export class StringFrame implements Frame {
  readonly complete = false;

  constructor(
    readonly node: StringNode,
    /** Code points so far, counting one that has started (an escape is one). */
    readonly chars: number,
    /** UTF-16 units so far, counting a started character in full. */
    readonly units: number,
    readonly phase: number,
    /** Pattern automaton state (0 without a pattern). */
    readonly dfa: number,
    /** UTF-8 continuation bytes still expected. */
    readonly need: number,
    /** Allowed range of the next continuation byte. */
    readonly low: number,
    readonly high: number,
  ) {}

  /** The frame right after the opening quote. */
  static open(node: StringNode): StringFrame {
    return new StringFrame(node, 0, 0, body, node.pattern?.start ?? 0, 0, 0x80, 0xbf);
  }

  /** True when this frame has no pattern and sits between whole characters: the fast mask path applies. */
  get plain(): boolean {
    return this.node.pattern === null && this.phase === body && this.need === 0;
  }

  /** True outside escapes (possibly inside a multi-byte character): the automaton walk applies. */
  get unescaped(): boolean {
    return this.phase === body;
  }

  /** UTF-16 units still allowed. */
  get room(): number {
    return this.node.maxLength - this.units;
  }

  /** A frame after this one, between or inside characters (later continuation bytes are 80..BF). */
  private next(chars: number, units: number, phase: number, dfa: number, need = 0): StringFrame {
    return new StringFrame(this.node, chars, units, phase, dfa, need, 0x80, 0xbf);
  }

  step(byte: number, rest: Stack, out: Stack[]): void {
    const node = this.node;
    if (this.phase === escaped) {
      this.stepEscape(byte, rest, out);
      return;
    }
    if (this.phase >= hexDigit) {
      this.stepHex(byte, rest, out);
      return;
    }
    if (this.need > 0) {
      if (byte < this.low || byte > this.high) return;
      const dfa = this.advanceDfa(byte);
      if (dfa >= 0 && this.viable(dfa, this.chars, this.units)) {
        out.push(push(this.next(this.chars, this.units, body, dfa, this.need - 1), rest));
      }
      return;
    }
    if (byte === 0x22) {
      const accepts = node.pattern === null || node.pattern.accepting[this.dfa] === 1;
      if (this.chars >= node.minLength && accepts) out.push(rest);
      return;
    }
    if (byte === 0x5c) {
      if (this.room >= 1 && this.escapePossible())
        out.push(push(this.next(this.chars, this.units, escaped, this.dfa), rest));
      return;
    }
    if (byte < 0x20) return;
    const lead = byte < 0x80 ? null : utf8Lead(byte);
    if (byte >= 0x80 && lead === null) return;
    const units = lead?.need === 3 ? 2 : 1;
    if (this.room < units) return;
    const dfa = this.advanceDfa(byte);
    if (dfa < 0 || !this.viable(dfa, this.chars + 1, this.units + units)) return;
    const frame = lead
      ? new StringFrame(node, this.chars + 1, this.units + units, body, dfa, lead.need, lead.low, lead.high)
      : this.next(this.chars + 1, this.units + 1, body, dfa);
    out.push(push(frame, rest));
  }

  private stepEscape(byte: number, rest: Stack, out: Stack[]): void {
    if (byte === 0x75) {
      if (this.node.pattern === null) out.push(push(this.next(this.chars, this.units, hexDigit, 0), rest));
      return;
    }
    const decoded = escapes.get(byte);
    if (decoded === undefined) return;
    const dfa = this.advanceDfa(decoded);
    if (dfa < 0 || !this.viable(dfa, this.chars + 1, this.units + 1)) return;
    out.push(push(this.next(this.chars + 1, this.units + 1, body, dfa), rest));
  }

  private stepHex(byte: number, rest: Stack, out: Stack[]): void {
    if (!isHex(byte)) return;
    let phase: number;
    if (this.phase === hexDigit) phase = byte === 0x64 || byte === 0x44 ? hexAfterD : hexDigit + 1;
    else if (this.phase === hexAfterD) {
      if (byte > 0x37) return;
      phase = hexDigit + 2;
    } else phase = this.phase === hexDigit + 3 ? body : this.phase + 1;
    const done = phase === body ? 1 : 0;
    out.push(push(this.next(this.chars + done, this.units + done, phase, 0), rest));
  }

  private advanceDfa(byte: number): number {
    const pattern = this.node.pattern;
    return pattern === null ? 0 : pattern.next[this.dfa * 256 + byte]!;
  }

  /** Whether the pattern, in automaton state `dfa`, can still be completed within the length bounds. */
  viable(dfa: number, chars: number, units: number): boolean {
    const pattern = this.node.pattern;
    if (pattern === null) return true;
    if (pattern.minChars[dfa]! > this.node.maxLength - units) return false;
    return chars >= this.node.minLength || pattern.maxChars[dfa]! >= this.node.minLength - chars;
  }

  private escapePossible(): boolean {
    if (this.node.pattern === null) return true;
    for (const decoded of escapes.values()) {
      const dfa = this.advanceDfa(decoded);
      if (dfa >= 0 && this.viable(dfa, this.chars + 1, this.units + 1)) return true;
    }
    return false;
  }

  key(horizon: number): string {
    const node = this.node;
    const room = clamp(this.room, horizon + 1 + (node.pattern?.maxMinChars ?? 0));
    const utf8 = this.need === 0 ? '' : `.${this.need}.${this.low}.${this.high}`;
    return `s${node.id}.${this.phase}.${clamp(this.chars, node.minLength)}.${room}.${this.dfa}${utf8}`;
  }
}
