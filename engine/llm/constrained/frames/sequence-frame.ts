import type { SchemaNode } from '../schema-node.ts';
import { type Frame, push, type Stack } from './frame.ts';
import { startValue } from './start-value.ts';

/** A piece of a constrained span: fixed text (possibly optional) or a JSON value. */
export type SequencePart =
  | { readonly kind: 'text'; readonly bytes: Uint8Array; readonly optional: boolean }
  | { readonly kind: 'value'; readonly node: SchemaNode };

/** Parts matched one after the other, e.g. `"\n"?`, the call's JSON, `"\n"?`, `"</tool_call>"`. */
export interface SequenceNode {
  readonly id: number;
  readonly parts: readonly SequencePart[];
}

/** Position `part`, `pos` bytes into it, of a {@link SequenceNode}. */
export class SequenceFrame implements Frame {
  constructor(
    readonly node: SequenceNode,
    readonly part: number,
    readonly pos: number,
  ) {}

  /** The stack at `part` of `node` on top of `rest`; just `rest` once every part is done. */
  static at(node: SequenceNode, part: number, rest: Stack): Stack {
    return part >= node.parts.length ? rest : push(new SequenceFrame(node, part, 0), rest);
  }

  get complete(): boolean {
    if (this.pos > 0) return false;
    for (let i = this.part; i < this.node.parts.length; i++) {
      const part = this.node.parts[i]!;
      if (part.kind === 'value' || !part.optional) return false;
    }
    return true;
  }

  step(byte: number, rest: Stack, out: Stack[]): void {
    const part = this.node.parts[this.part]!;
    if (part.kind === 'value') {
      startValue(part.node, byte, SequenceFrame.at(this.node, this.part + 1, rest), out);
      return;
    }
    if (part.bytes[this.pos] === byte) {
      if (this.pos + 1 === part.bytes.length) out.push(SequenceFrame.at(this.node, this.part + 1, rest));
      else out.push(push(new SequenceFrame(this.node, this.part, this.pos + 1), rest));
    }
    // An optional text not started may be skipped: the byte then belongs to the next part. Past the last
    // part the byte belongs to the frame below, which `feed` already gives it to (this frame is complete).
    if (part.optional && this.pos === 0) {
      const skipped = SequenceFrame.at(this.node, this.part + 1, rest);
      if (skipped !== null && skipped !== rest) skipped.frame.step(byte, skipped.next, out);
    }
  }

  key(): string {
    return `q${this.node.id}.${this.part}.${this.pos}`;
  }
}
