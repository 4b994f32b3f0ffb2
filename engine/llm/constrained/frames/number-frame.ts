import type { NumberNode } from '../schema-node.ts';
import { clamp, type Frame, push, type Stack } from './frame.ts';
import { numberFeasible, numberInRange } from './number-feasible.ts';
import { NumberPhase, numberPhaseComplete } from './number-phase.ts';

const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

/** Phases that need at least one more character before the number may end. */
const needsMore = (phase: NumberPhase): boolean =>
  phase === NumberPhase.minus ||
  phase === NumberPhase.dot ||
  phase === NumberPhase.exponent ||
  phase === NumberPhase.exponentSign;

/**
 * A JSON number (no leading zeros; a fraction unless `integer`; an exponent only without bounds), whose
 * text is kept so that bounds can be checked before each character is allowed.
 */
export class NumberFrame implements Frame {
  constructor(
    readonly node: NumberNode,
    readonly text: string,
    readonly phase: NumberPhase,
  ) {}

  /** Starts a number with its first byte. */
  static start(node: NumberNode, byte: number, rest: Stack, out: Stack[]): void {
    const phase = byte === 0x2d ? NumberPhase.minus : byte === 0x30 ? NumberPhase.zero : NumberPhase.integer;
    if (byte !== 0x2d && !isDigit(byte)) return;
    NumberFrame.enter(node, String.fromCharCode(byte), phase, rest, out);
  }

  private static enter(node: NumberNode, text: string, phase: NumberPhase, rest: Stack, out: Stack[]): void {
    const room = node.maxLength - text.length;
    if (room < 0 || (needsMore(phase) && room < 1)) return;
    if (bounded(node) && !numberFeasible(node, text, phase, room)) return;
    out.push(push(new NumberFrame(node, text, phase), rest));
  }

  get complete(): boolean {
    if (!numberPhaseComplete(this.phase)) return false;
    return !bounded(this.node) || numberInRange(this.node, Number(this.text));
  }

  step(byte: number, rest: Stack, out: Stack[]): void {
    const phase = this.nextPhase(byte);
    if (phase !== null) NumberFrame.enter(this.node, this.text + String.fromCharCode(byte), phase, rest, out);
  }

  private nextPhase(byte: number): NumberPhase | null {
    const digit = isDigit(byte);
    const exponents = !this.node.integer && !bounded(this.node);
    switch (this.phase) {
      case NumberPhase.minus:
        return byte === 0x30 ? NumberPhase.zero : digit ? NumberPhase.integer : null;
      case NumberPhase.zero:
      case NumberPhase.integer:
        if (digit) return this.phase === NumberPhase.integer ? NumberPhase.integer : null;
        if (byte === 0x2e) return this.node.integer ? null : NumberPhase.dot;
        return (byte === 0x65 || byte === 0x45) && exponents ? NumberPhase.exponent : null;
      case NumberPhase.dot:
        return digit ? NumberPhase.fraction : null;
      case NumberPhase.fraction:
        if (digit) return NumberPhase.fraction;
        return (byte === 0x65 || byte === 0x45) && exponents ? NumberPhase.exponent : null;
      case NumberPhase.exponent:
        if (byte === 0x2b || byte === 0x2d) return NumberPhase.exponentSign;
        return digit ? NumberPhase.exponentDigits : null;
      default:
        return digit ? NumberPhase.exponentDigits : null;
    }
  }

  key(horizon: number): string {
    const node = this.node;
    if (bounded(node)) return `n${node.id}.${this.phase}.${this.text}`;
    return `n${node.id}.${this.phase}.${clamp(node.maxLength - this.text.length, horizon + 1)}`;
  }
}

function bounded(node: NumberNode): boolean {
  return Number.isFinite(node.minimum) || Number.isFinite(node.maximum);
}
