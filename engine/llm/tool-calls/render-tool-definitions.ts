import type { ToolDefinition } from '../language-model.ts';
import type { ToolCallFormat } from '../tool-call-format.ts';

/** JSON the way Python's `json.dumps` (and so Jinja's `tojson`) writes it: `{"a": 1, "b": [1, 2]}`. */
function spacedJson(value: unknown, indent = 0, depth = 0): string {
  const pad = (level: number) => (indent > 0 ? `\n${' '.repeat(indent * level)}` : '');
  const itemSeparator = indent > 0 ? ',' : ', ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => pad(depth + 1) + spacedJson(item, indent, depth + 1));
    return `[${items.join(itemSeparator)}${pad(depth)}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const items = entries.map(
      ([k, v]) => `${pad(depth + 1)}${JSON.stringify(k)}: ${spacedJson(v, indent, depth + 1)}`,
    );
    return `{${items.join(itemSeparator)}${pad(depth)}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const asFunction = (tool: ToolDefinition) => ({
  type: 'function',
  function: { name: tool.name, description: tool.description, parameters: tool.parameters },
});

/**
 * The tool instructions a model of `format` was trained on, for models whose chat template does not
 * render tools itself: the text goes into the system prompt (hermes, llama3) or before the last user
 * message (mistral's `[AVAILABLE_TOOLS]` block). Wording follows the Qwen2.5, Llama 3.1 and Mistral v3
 * templates.
 */
export function renderToolDefinitions(
  tools: readonly ToolDefinition[],
  format: ToolCallFormat | ToolCallFormat['name'],
): string {
  const name = typeof format === 'string' ? format : format.name;
  if (name === 'llama3') {
    return [
      'Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.',
      '',
      'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}. Do not use variables.',
      '',
      ...tools.map((tool) => `${spacedJson(asFunction(tool), 4)}\n`),
    ].join('\n');
  }
  if (name === 'mistral') return `[AVAILABLE_TOOLS] ${spacedJson(tools.map(asFunction))}[/AVAILABLE_TOOLS]`;
  return [
    '# Tools',
    '',
    'You may call one or more functions to assist with the user query.',
    '',
    'You are provided with function signatures within <tools></tools> XML tags:',
    '<tools>',
    ...tools.map((tool) => spacedJson(asFunction(tool))),
    '</tools>',
    '',
    'For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:',
    '<tool_call>',
    '{"name": <function-name>, "arguments": <args-json-object>}',
    '</tool_call>',
  ].join('\n');
}
