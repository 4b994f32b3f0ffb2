import type { Message } from '@huggingface/transformers';
import type { ChatMessage, ToolDefinition } from './language-model.ts';

/** The chat template's view of a tool: OpenAI-style `{type: "function", function: {...}}`, as HF templates expect. */
export const asTemplateTool = (tool: ToolDefinition) => ({
  type: 'function',
  function: { name: tool.name, description: tool.description, parameters: tool.parameters },
});

/** A message as HF chat templates read it: tool calls in the OpenAI shape. */
export function toTemplateMessage(m: ChatMessage): Message {
  const message: Message & { name?: string; tool_calls?: unknown[] } = { role: m.role, content: m.content };
  if (m.name) message.name = m.name;
  if (m.toolCalls && m.toolCalls.length > 0) {
    message.tool_calls = m.toolCalls.map((c) => ({
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  return message;
}
