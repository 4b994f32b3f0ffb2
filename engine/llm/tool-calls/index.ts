export { detectToolCallFormat } from './detect-tool-call-format.ts';
export { hermesToolCallFormat } from './hermes-tool-call-format.ts';
export { llama3ToolCallFormat } from './llama3-tool-call-format.ts';
export { mistralToolCallFormat } from './mistral-tool-call-format.ts';
export { renderToolDefinitions } from './render-tool-definitions.ts';
export { toolCallFormats } from './tool-call-formats.ts';
export { type ToolSchemaSource, toolsToConstrainedTools } from './tools-to-constrained-tools.ts';
