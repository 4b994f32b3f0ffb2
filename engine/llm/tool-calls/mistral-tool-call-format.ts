import { createToolCallConstraint } from '../constrained/create-tool-call-constraint.ts';
import type { ParsedToolCall, ToolCallFormat } from '../tool-call-format.ts';
import { joinVisibleText } from './join-visible-text.ts';
import { jsonSpanEnd } from './json-span-end.ts';
import { parseJson, toParsedCall, toParsedCalls } from './to-parsed-call.ts';

const marker = '[TOOL_CALLS]';
/** The newer form (Mistral Small 3.1+, tokenizer v11): `[TOOL_CALLS]name[CALL_ID]id[ARGS]{…}`. */
const namedCall = /^([\w.-]+)(?:\[CALL_ID\][\w-]*)?\[ARGS\]/;

/**
 * Mistral tool calls: `[TOOL_CALLS] [{"name": "…", "arguments": {…}}, …]` (Mistral 7B v0.3, Nemo,
 * Small); `parse` also reads the newer `[TOOL_CALLS]name[ARGS]{…}`. The constraint writes the array form
 * with exactly one call.
 */
export const mistralToolCallFormat: ToolCallFormat = {
  name: 'mistral',
  opening: marker,
  parse(output) {
    const text = output.replaceAll('</s>', '');
    const calls: ParsedToolCall[] = [];
    const spans: [number, number][] = [];
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      let start = at + marker.length;
      while (text[start] === ' ' || text[start] === '\n') start++;
      const named = namedCall.exec(text.slice(start));
      const jsonStart = named ? start + named[0].length : start;
      if (text[jsonStart] !== '[' && text[jsonStart] !== '{') continue;
      const end = jsonSpanEnd(text, jsonStart);
      if (end < 0) continue;
      const value = parseJson(text.slice(jsonStart, end));
      if (value === undefined) continue;
      const found = named ? wrap(toParsedCall({ name: named[1], arguments: value })) : toParsedCalls(value);
      if (!found) continue;
      calls.push(...found);
      spans.push([at, end]);
    }
    return { text: joinVisibleText(text, spans), calls };
  },
  constraint(tools, vocabulary) {
    return createToolCallConstraint(tools, vocabulary, { leading: ' ', array: true });
  },
};

function wrap(call: ParsedToolCall | null): ParsedToolCall[] | null {
  return call ? [call] : null;
}
