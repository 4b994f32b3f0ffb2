import type { NumberNode } from '../schema-node.ts';
import { NumberPhase } from './number-phase.ts';

/** Whether `value` lies within the node's bounds. */
export function numberInRange(node: NumberNode, value: number): boolean {
  const aboveMin = node.exclusiveMinimum ? value > node.minimum : value >= node.minimum;
  const belowMax = node.exclusiveMaximum ? value < node.maximum : value <= node.maximum;
  return aboveMin && belowMax;
}

/** Whether some value in `[low, high]` (with its ends possibly reached only approximately) is in range. */
function overlaps(node: NumberNode, low: number, high: number): boolean {
  const belowMax = node.exclusiveMaximum ? low < node.maximum : low <= node.maximum;
  const aboveMin = node.exclusiveMinimum ? high > node.minimum : high >= node.minimum;
  return belowMax && aboveMin;
}

/**
 * Whether a number whose text so far is `text` (in `phase`, with `room` more characters allowed) can still
 * end inside the node's bounds. Works on magnitude intervals: `12` may become 12, 120..129, 1200..1299,
 * ... (and 12.x for non-integers); the sign flips the interval. Exponents are not allowed with bounds.
 */
export function numberFeasible(node: NumberNode, text: string, phase: NumberPhase, room: number): boolean {
  const negative = text.startsWith('-');
  const magnitude = negative ? text.slice(1) : text;
  const test = (low: number, high: number): boolean =>
    negative ? overlaps(node, -high, -low) : overlaps(node, low, high);
  switch (phase) {
    case NumberPhase.minus:
      return test(0, 10 ** room);
    case NumberPhase.zero:
      return test(0, node.integer || room < 2 ? 0 : 1);
    case NumberPhase.integer: {
      const value = Number(magnitude);
      for (let extra = 0; extra <= room; extra++) {
        const scale = 10 ** extra;
        const fraction = !node.integer && room - extra >= 2;
        if (test(value * scale, fraction ? (value + 1) * scale : value * scale + scale - 1)) return true;
      }
      return false;
    }
    case NumberPhase.dot: {
      const value = Number(magnitude.slice(0, -1));
      return test(value, value + 1 - 10 ** -room);
    }
    case NumberPhase.fraction: {
      const value = Number(magnitude);
      const digits = magnitude.length - magnitude.indexOf('.') - 1;
      return test(value, room > 0 ? value + 10 ** -digits : value);
    }
    default:
      return false;
  }
}
