import type { SchemaNode } from '../schema-node.ts';
import { ArrayFrame } from './array-frame.ts';
import { type Frame, push, type Stack } from './frame.ts';
import { LiteralFrame } from './literal-frame.ts';
import { MapFrame } from './map-frame.ts';
import { NumberFrame } from './number-frame.ts';
import { ObjectFrame } from './object-frame.ts';
import { StringFrame } from './string-frame.ts';

/** Starts a value of `node` with its first byte, on top of `rest`; each alternative that fits is pushed. */
export function startValue(node: SchemaNode, byte: number, rest: Stack, out: Stack[]): void {
  switch (node.kind) {
    case 'string':
      if (byte === 0x22) out.push(push(StringFrame.open(node), rest));
      return;
    case 'number':
      NumberFrame.start(node, byte, rest, out);
      return;
    case 'literal':
      LiteralFrame.start(node, byte, rest, out);
      return;
    case 'object':
      if (byte === 0x7b) out.push(push(ObjectFrame.open(node), rest));
      return;
    case 'map':
      if (byte === 0x7b) out.push(push(MapFrame.open(node), rest));
      return;
    case 'array':
      if (byte === 0x5b) out.push(push(ArrayFrame.open(node), rest));
      return;
    case 'union':
      for (const alternative of node.alternatives) startValue(alternative, byte, rest, out);
      return;
  }
}

/** A value of `node` still to come, nothing of it read yet. */
export class ValueFrame implements Frame {
  readonly complete = false;

  constructor(readonly node: SchemaNode) {}

  step(byte: number, rest: Stack, out: Stack[]): void {
    startValue(this.node, byte, rest, out);
  }

  key(): string {
    return `v${this.node.id}`;
  }
}
