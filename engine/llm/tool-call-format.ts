import type { TokenConstraint } from './token-constraint.ts';
import type { Vocabulary } from './vocabulary.ts';

/** A tool as the constrained decoder enforces it: its name and the JSON Schema of its arguments. */
export interface ConstrainedTool {
  name: string;
  /**
   * JSON Schema (object with properties; strings with `enum`/`pattern`/`minLength`/`maxLength`, numbers,
   * integers, booleans, nested objects and arrays). Values that must be grounded in the conversation are
   * already given as an `enum` of the allowed values.
   */
  parameters: Record<string, unknown>;
}

/** A parsed tool call. */
export interface ParsedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** How one model family writes tool calls: Hermes/Qwen `<tool_call>`, Llama 3.x JSON, Mistral `[TOOL_CALLS]`. */
export interface ToolCallFormat {
  readonly name: 'hermes' | 'llama3' | 'mistral';
  /** Text that opens a tool call in the model's output (e.g. "<tool_call>"); "" when a call starts with "{". */
  readonly opening: string;
  /** Splits complete output into the text the user should see and the tool calls. */
  parse(output: string): { text: string; calls: ParsedToolCall[] };
  /**
   * A constraint for what follows the opening: exactly one call to one of `tools`, its arguments valid
   * against the tool's schema, then the closing text of the format.
   */
  constraint(tools: readonly ConstrainedTool[], vocabulary: Vocabulary): TokenConstraint;
}
