import type { MapNode } from '../schema-node.ts';
import { clamp, type Frame, push, type Stack } from './frame.ts';
import { startValue } from './start-value.ts';
import { StringFrame } from './string-frame.ts';

const open = 0;
const colon = 1;
const value = 2;
const afterValue = 3;
const comma = 4;

/**
 * An object of free keys (`additionalProperties: {…}`), `count` entries so far. Keys are any strings;
 * duplicates are not prevented.
 */
export class MapFrame implements Frame {
  readonly complete = false;

  constructor(
    readonly node: MapNode,
    readonly phase: number,
    readonly count: number,
    readonly spaced: boolean,
  ) {}

  /** The frame right after `{`. */
  static open(node: MapNode): MapFrame {
    return new MapFrame(node, open, 0, false);
  }

  step(byte: number, rest: Stack, out: Stack[]): void {
    const node = this.node;
    const at = (phase: number, count: number, spaced: boolean) => new MapFrame(node, phase, count, spaced);
    switch (this.phase) {
      case open:
      case afterValue:
        if (byte === 0x7d && this.count >= node.minProperties) out.push(rest);
        else if (this.phase === open) this.startKey(byte, rest, out);
        else if (byte === 0x2c && this.count < node.maxProperties)
          out.push(push(at(comma, this.count, false), rest));
        return;
      case comma:
        if (byte === 0x20 && node.spaces && !this.spaced) out.push(push(at(comma, this.count, true), rest));
        else this.startKey(byte, rest, out);
        return;
      case colon:
        if (byte === 0x3a) out.push(push(at(value, this.count, false), rest));
        return;
      default:
        if (byte === 0x20 && node.spaces && !this.spaced) out.push(push(at(value, this.count, true), rest));
        else startValue(node.value, byte, push(at(afterValue, this.count + 1, false), rest), out);
    }
  }

  private startKey(byte: number, rest: Stack, out: Stack[]): void {
    if (byte !== 0x22 || this.count >= this.node.maxProperties) return;
    const afterKey = push(new MapFrame(this.node, colon, this.count, false), rest);
    out.push(push(StringFrame.open(this.node.key), afterKey));
  }

  key(horizon: number): string {
    const node = this.node;
    const room = clamp(node.maxProperties - this.count, horizon + 1);
    return `m${node.id}.${this.phase}.${clamp(this.count, node.minProperties)}.${room}.${this.spaced ? 1 : 0}`;
  }
}
