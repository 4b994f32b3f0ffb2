import type { ObjectNode } from '../schema-node.ts';
import { type Frame, push, type Stack } from './frame.ts';
import { startValue } from './start-value.ts';

const open = 0;
const key = 1;
const colon = 2;
const value = 3;
const afterValue = 4;
const comma = 5;

/**
 * An object with known properties, written in schema order. `index` is the next property to consider;
 * while a key is read, `lo..hi` is the range of candidate keys still possible after `pos` bytes; in the
 * `colon`/`value` phases `lo` is the property being written.
 */
export class ObjectFrame implements Frame {
  readonly complete = false;

  constructor(
    readonly node: ObjectNode,
    readonly phase: number,
    readonly index: number,
    readonly lo: number,
    readonly hi: number,
    readonly pos: number,
    readonly spaced: boolean,
  ) {}

  /** The frame right after `{`. */
  static open(node: ObjectNode): ObjectFrame {
    return new ObjectFrame(node, open, 0, 0, 0, 0, false);
  }

  private with(phase: number, lo: number, hi: number, pos: number, spaced: boolean): ObjectFrame {
    return new ObjectFrame(this.node, phase, this.index, lo, hi, pos, spaced);
  }

  step(byte: number, rest: Stack, out: Stack[]): void {
    const node = this.node;
    switch (this.phase) {
      case open:
      case afterValue: {
        const choice = node.keyChoices[this.index]!;
        if (byte === 0x7d && choice.closable) out.push(rest);
        else if (this.phase === open) this.startKey(byte, rest, out);
        else if (byte === 0x2c && choice.keys.length > 0)
          out.push(push(this.with(comma, 0, 0, 0, false), rest));
        return;
      }
      case comma:
        if (byte === 0x20 && node.spaces && !this.spaced)
          out.push(push(this.with(comma, 0, 0, 0, true), rest));
        else this.startKey(byte, rest, out);
        return;
      case key:
        this.stepKey(byte, rest, out);
        return;
      case colon:
        if (byte === 0x3a) out.push(push(this.with(value, this.lo, 0, 0, false), rest));
        return;
      default: {
        if (byte === 0x20 && node.spaces && !this.spaced) {
          out.push(push(this.with(value, this.lo, 0, 0, true), rest));
          return;
        }
        const property = this.lo;
        const after = new ObjectFrame(node, afterValue, property + 1, 0, 0, 0, false);
        startValue(node.properties[property]!.node, byte, push(after, rest), out);
      }
    }
  }

  private startKey(byte: number, rest: Stack, out: Stack[]): void {
    const keys = this.node.keyChoices[this.index]!.keys;
    if (byte === 0x22 && keys.length > 0) out.push(push(this.with(key, 0, keys.length - 1, 1, false), rest));
  }

  private stepKey(byte: number, rest: Stack, out: Stack[]): void {
    const choice = this.node.keyChoices[this.index]!;
    let lo = -1;
    let hi = -1;
    for (let i = this.lo; i <= this.hi; i++) {
      const candidate = choice.keys[i]!;
      if (candidate.length > this.pos && candidate[this.pos] === byte) {
        if (lo < 0) lo = i;
        hi = i;
      }
    }
    if (lo < 0) return;
    // Encoded keys end with their closing quote, so none is a prefix of another.
    if (choice.keys[lo]!.length === this.pos + 1) {
      out.push(push(this.with(colon, choice.properties[lo]!, 0, 0, false), rest));
    } else {
      out.push(push(this.with(key, lo, hi, this.pos + 1, false), rest));
    }
  }

  key(): string {
    return `o${this.node.id}.${this.phase}.${this.index}.${this.lo}.${this.pos}.${this.spaced ? 1 : 0}`;
  }
}
