import type { ArrayNode } from '../schema-node.ts';
import { clamp, type Frame, push, type Stack } from './frame.ts';
import { startValue } from './start-value.ts';

const open = 0;
const afterValue = 1;
const comma = 2;

/** An array after its `[`: items separated by `,` (one optional space after it), `count` items so far. */
export class ArrayFrame implements Frame {
  readonly complete = false;

  constructor(
    readonly node: ArrayNode,
    readonly phase: number,
    readonly count: number,
    readonly spaced: boolean,
  ) {}

  /** The frame right after `[`. */
  static open(node: ArrayNode): ArrayFrame {
    return new ArrayFrame(node, open, 0, false);
  }

  step(byte: number, rest: Stack, out: Stack[]): void {
    const node = this.node;
    if (this.phase === afterValue) {
      if (byte === 0x5d && this.count >= node.minItems) out.push(rest);
      else if (byte === 0x2c && this.count < node.maxItems)
        out.push(push(new ArrayFrame(node, comma, this.count, false), rest));
      return;
    }
    if (this.phase === open && byte === 0x5d) {
      if (node.minItems === 0) out.push(rest);
      return;
    }
    if (this.phase === comma && byte === 0x20 && node.spaces && !this.spaced) {
      out.push(push(new ArrayFrame(node, comma, this.count, true), rest));
      return;
    }
    if (this.count < node.maxItems) {
      startValue(node.items, byte, push(new ArrayFrame(node, afterValue, this.count + 1, false), rest), out);
    }
  }

  key(horizon: number): string {
    const node = this.node;
    const room = clamp(node.maxItems - this.count, horizon + 1);
    return `a${node.id}.${this.phase}.${clamp(this.count, node.minItems)}.${room}.${this.spaced ? 1 : 0}`;
  }
}
