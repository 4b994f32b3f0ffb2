import { createToolCallConstraint } from '../constrained/create-tool-call-constraint.ts';
import type { ParsedToolCall, ToolCallFormat } from '../tool-call-format.ts';
import { joinVisibleText } from './join-visible-text.ts';
import { parseJson, toParsedCalls } from './to-parsed-call.ts';

const block = /<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/g;

/**
 * Hermes / Qwen2.5 / Qwen3 tool calls (also SmolLM3, Hermes 2 Pro and 3):
 * `<tool_call>\n{"name": "…", "arguments": {…}}\n</tool_call>`, one block per call. A block whose JSON
 * is malformed yields no call and stays in the text; an unclosed block at the end is read if its JSON is
 * complete.
 */
export const hermesToolCallFormat: ToolCallFormat = {
  name: 'hermes',
  opening: '<tool_call>',
  parse(output) {
    const calls: ParsedToolCall[] = [];
    const spans: [number, number][] = [];
    for (const match of output.matchAll(block)) {
      const found = toParsedCalls(parseJson(match[1]!.trim()));
      if (!found) continue;
      calls.push(...found);
      spans.push([match.index, match.index + match[0].length]);
    }
    return { text: joinVisibleText(output, spans), calls };
  },
  constraint(tools, vocabulary) {
    return createToolCallConstraint(tools, vocabulary, {
      leading: '\n',
      trailing: '\n',
      closing: '</tool_call>',
    });
  },
};
