import type { ToolCallFormat } from '../tool-call-format.ts';
import { toolCallFormats } from './tool-call-formats.ts';

/** Llama 3's vocabulary has 128,256 tokens; Llama 2 and small Llama-style models have far fewer. */
const llama3VocabularySize = 128_000;

/**
 * Picks the tool-call format of a model from its Jinja chat template (markers it renders) and, failing
 * that, its `config.json` (`model_type`, `vocab_size`) or a `tokenizer_config.json` (its `chat_template`).
 * Markers: `[TOOL_CALLS]` / `[AVAILABLE_TOOLS]` → mistral; `<tool_call>` → hermes; `<|python_tag|>`, or
 * Llama 3 headers with `"parameters"` → llama3. Model types: mistral/mixtral → mistral; qwen* → hermes;
 * llama with a Llama 3 sized vocabulary → llama3. Default hermes, the most widely trained format.
 */
export function detectToolCallFormat(
  chatTemplate?: string,
  config?: Readonly<Record<string, unknown>>,
): ToolCallFormat {
  const template =
    chatTemplate ?? (typeof config?.['chat_template'] === 'string' ? config['chat_template'] : '');
  const byTemplate = formatFromTemplate(template);
  if (byTemplate) return toolCallFormats[byTemplate];
  const modelType = typeof config?.['model_type'] === 'string' ? config['model_type'].toLowerCase() : '';
  if (/^(mistral|mixtral|ministral|pixtral)/.test(modelType)) return toolCallFormats.mistral;
  if (modelType.startsWith('qwen')) return toolCallFormats.hermes;
  const vocabularySize = typeof config?.['vocab_size'] === 'number' ? config['vocab_size'] : 0;
  if (modelType === 'llama' && vocabularySize >= llama3VocabularySize) return toolCallFormats.llama3;
  return toolCallFormats.hermes;
}

function formatFromTemplate(template: string): ToolCallFormat['name'] | null {
  if (template.includes('[TOOL_CALLS]') || template.includes('[AVAILABLE_TOOLS]')) return 'mistral';
  if (template.includes('<tool_call>')) return 'hermes';
  if (template.includes('<|python_tag|>')) return 'llama3';
  if (template.includes('<|start_header_id|>') && template.includes('"parameters"')) return 'llama3';
  return null;
}
