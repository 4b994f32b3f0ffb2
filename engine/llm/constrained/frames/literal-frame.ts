import type { LiteralNode } from '../schema-node.ts';
import { type Frame, push, type Stack } from './frame.ts';

/**
 * Matches one of a literal node's candidate texts. The candidates still possible after `pos` bytes form
 * the sorted range `lo..hi`; a candidate that is a prefix of another (`1` and `12`) sorts first.
 */
export class LiteralFrame implements Frame {
  constructor(
    readonly node: LiteralNode,
    readonly lo: number,
    readonly hi: number,
    readonly pos: number,
  ) {}

  /** Starts matching `node` with its first byte. */
  static start(node: LiteralNode, byte: number, rest: Stack, out: Stack[]): void {
    new LiteralFrame(node, 0, node.candidates.length - 1, 0).step(byte, rest, out);
  }

  get complete(): boolean {
    return this.node.candidates[this.lo]!.length === this.pos;
  }

  step(byte: number, rest: Stack, out: Stack[]): void {
    const candidates = this.node.candidates;
    let lo = -1;
    let hi = -1;
    for (let i = this.lo; i <= this.hi; i++) {
      const candidate = candidates[i]!;
      if (candidate.length > this.pos && candidate[this.pos] === byte) {
        if (lo < 0) lo = i;
        hi = i;
      }
    }
    if (lo < 0) return;
    const pos = this.pos + 1;
    if (lo === hi && candidates[lo]!.length === pos) out.push(rest);
    else out.push(push(new LiteralFrame(this.node, lo, hi, pos), rest));
  }

  key(): string {
    return `l${this.node.id}.${this.lo}.${this.pos}`;
  }
}
