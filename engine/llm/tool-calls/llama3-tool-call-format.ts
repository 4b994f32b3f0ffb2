import { createToolCallConstraint } from '../constrained/create-tool-call-constraint.ts';
import type { ParsedToolCall, ToolCallFormat } from '../tool-call-format.ts';
import { joinVisibleText } from './join-visible-text.ts';
import { jsonSpanEnd } from './json-span-end.ts';
import { parseJson, toParsedCalls } from './to-parsed-call.ts';

const markers = /<\|python_tag\|>|<\|eom_id\|>|<\|eot_id\|>/g;

/**
 * Llama 3.1 / 3.2 / 3.3 JSON tool calls: the message is `{"name": "…", "parameters": {…}}`, optionally
 * after `<|python_tag|>`; several calls may follow each other (separated by `;` or newlines) or come as a
 * JSON array. `opening` is "": a call starts the message, so the decoder applies the constraint from the
 * first token when it wants a call, and the constrained span ends with the call's `}`.
 */
export const llama3ToolCallFormat: ToolCallFormat = {
  name: 'llama3',
  opening: '',
  parse(output) {
    const text = output.replace(markers, '');
    const calls: ParsedToolCall[] = [];
    const spans: [number, number][] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '{' && c !== '[') continue;
      const end = jsonSpanEnd(text, i);
      if (end < 0) continue;
      const value = parseJson(text.slice(i, end));
      if (value === undefined) continue;
      const found = toParsedCalls(value);
      if (found) {
        calls.push(...found);
        const previous = spans.at(-1);
        // Calls separated only by ";", "," or whitespace form one span.
        if (previous && /^[\s;,]*$/.test(text.slice(previous[1], i))) previous[1] = end;
        else spans.push([i, end]);
      }
      i = end - 1;
    }
    return { text: joinVisibleText(text, spans), calls };
  },
  constraint(tools, vocabulary) {
    return createToolCallConstraint(tools, vocabulary, { argumentsKey: 'parameters' });
  },
};
