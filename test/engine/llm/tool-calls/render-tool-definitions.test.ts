import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../../../engine/llm/language-model.ts';
import { renderToolDefinitions } from '../../../../engine/llm/tool-calls/render-tool-definitions.ts';
import { toolCallFormats } from '../../../../engine/llm/tool-calls/tool-call-formats.ts';

const tools: ToolDefinition[] = [
  {
    name: 'get_order_status',
    description: 'Look up an order',
    parameters: {
      type: 'object',
      properties: { order_id: { type: 'string', enum: ['45210'] } },
      required: ['order_id'],
    },
  },
];
const functionJson =
  '{"type": "function", "function": {"name": "get_order_status", "description": "Look up an order", "parameters": {"type": "object", "properties": {"order_id": {"type": "string", "enum": ["45210"]}}, "required": ["order_id"]}}}';

describe('renderToolDefinitions', () => {
  it('renders the Qwen2.5 / Hermes <tools> block with tojson-style JSON and the <tool_call> instruction', () => {
    const text = renderToolDefinitions(tools, 'hermes');
    expect(text).toContain(`<tools>\n${functionJson}\n</tools>`);
    expect(text).toContain(
      '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>',
    );
  });

  it('renders the Llama 3.1 JSON instructions with indented function definitions', () => {
    const text = renderToolDefinitions(tools, toolCallFormats.llama3);
    expect(text).toContain(
      '{"name": function name, "parameters": dictionary of argument name and its value}',
    );
    expect(text).toContain(
      '{\n    "type": "function",\n    "function": {\n        "name": "get_order_status",',
    );
    expect(JSON.parse(text.slice(text.indexOf('{\n')))).toMatchObject({
      function: { name: 'get_order_status' },
    });
  });

  it('renders the Mistral [AVAILABLE_TOOLS] block', () => {
    expect(renderToolDefinitions(tools, 'mistral')).toBe(
      `[AVAILABLE_TOOLS] [${functionJson}][/AVAILABLE_TOOLS]`,
    );
  });
});
