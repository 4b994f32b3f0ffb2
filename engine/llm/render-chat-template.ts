import { Template } from '@huggingface/jinja';
import type { ChatMessage, ToolDefinition } from './language-model.ts';
import { asTemplateTool, toTemplateMessage } from './template-messages.ts';

/**
 * Renders a conversation with a Hugging Face chat template through the same Jinja engine transformers.js
 * uses, ending with the generation prompt; the text a model's tokenizer encodes for `messages` and `tools`.
 */
export function renderChatTemplate(
  template: string,
  messages: readonly ChatMessage[],
  tools: readonly ToolDefinition[] = [],
  addGenerationPrompt = true,
): string {
  return new Template(template).render({
    messages: messages.map(toTemplateMessage),
    ...(tools.length > 0 ? { tools: tools.map(asTemplateTool) } : {}),
    add_generation_prompt: addGenerationPrompt,
  });
}
