import type { ParsedToolCall } from '../tool-call-format.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads one call from parsed JSON in any of the shapes models write: `{name, arguments}`,
 * `{name, parameters}`, arguments as a JSON string, or OpenAI's `{type: "function", function: {…}}`.
 * Null when it is not a call (no string `name`, arguments not an object, other keys).
 */
export function toParsedCall(value: unknown): ParsedToolCall | null {
  if (!isRecord(value)) return null;
  if (isRecord(value['function'])) return toParsedCall(value['function']);
  const { name, arguments: args, parameters, ...rest } = value;
  if (typeof name !== 'string' || name === '') return null;
  if (Object.keys(rest).some((key) => key !== 'id' && key !== 'type')) return null;
  let values: unknown = args ?? parameters ?? {};
  if (typeof values === 'string') {
    try {
      values = JSON.parse(values) as unknown;
    } catch {
      return null;
    }
  }
  return isRecord(values) ? { name, arguments: values } : null;
}

/** The calls in parsed JSON that is one call or an array of calls; null unless every element is a call. */
export function toParsedCalls(value: unknown): ParsedToolCall[] | null {
  const items = Array.isArray(value) ? value : [value];
  const calls = items.map(toParsedCall);
  if (items.length === 0 || calls.some((call) => call === null)) return null;
  return calls as ParsedToolCall[];
}

/** `JSON.parse`, or undefined for malformed text. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
