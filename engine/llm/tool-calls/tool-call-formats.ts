import type { ToolCallFormat } from '../tool-call-format.ts';
import { hermesToolCallFormat } from './hermes-tool-call-format.ts';
import { llama3ToolCallFormat } from './llama3-tool-call-format.ts';
import { mistralToolCallFormat } from './mistral-tool-call-format.ts';

/** Every built-in tool-call format, by name. */
export const toolCallFormats: Readonly<Record<ToolCallFormat['name'], ToolCallFormat>> = {
  hermes: hermesToolCallFormat,
  llama3: llama3ToolCallFormat,
  mistral: mistralToolCallFormat,
};
