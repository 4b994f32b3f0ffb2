import type { ConstrainedTool } from '../tool-call-format.ts';
import type { Vocabulary } from '../vocabulary.ts';
import { compileGrammar } from './grammar.ts';
import { cachedGrammar } from './grammar-cache.ts';
import { GrammarConstraint } from './grammar-constraint.ts';
import { defaultJsonConstraintOptions, type JsonConstraintOptions } from './json-constraint-options.ts';
import { UnsupportedSchemaError } from './unsupported-schema-error.ts';

/** How a model family frames one tool call after its opening marker. */
export interface ToolCallConstraintOptions extends JsonConstraintOptions {
  /** Key of the arguments object: `'arguments'` (Hermes, Qwen, Mistral) or `'parameters'` (Llama 3). Default `'arguments'`. */
  argumentsKey: string;
  /** Text the model may write before the call's JSON (Hermes: `"\n"`). Optional in the output. Default `''`. */
  leading: string;
  /** Text the model may write right after the JSON (Hermes: `"\n"`). Optional in the output. Default `''`. */
  trailing: string;
  /** Text that must end the span (Hermes: `"</tool_call>"`). Default `''`. */
  closing: string;
  /** Wraps the call in a one-element JSON array (Mistral's `[{…}]`). Default false. */
  array: boolean;
}

/** Defaults of {@link ToolCallConstraintOptions}. */
export const defaultToolCallConstraintOptions: ToolCallConstraintOptions = {
  ...defaultJsonConstraintOptions,
  argumentsKey: 'arguments',
  leading: '',
  trailing: '',
  closing: '',
  array: false,
};

/**
 * The JSON Schema of one call to one of `tools`: `{"name": <tool name>, "<argumentsKey>": <its schema>}`,
 * an `anyOf` with one object per tool, so the name, written first, decides the arguments' schema.
 * @throws UnsupportedSchemaError when `tools` is empty or names a tool twice.
 */
export function toolCallSchema(
  tools: readonly ConstrainedTool[],
  argumentsKey = 'arguments',
): Record<string, unknown> {
  if (tools.length === 0)
    throw new UnsupportedSchemaError('#/tools', 'at least one tool is needed for a tool call');
  const names = new Set<string>();
  const alternatives = tools.map((tool) => {
    if (names.has(tool.name))
      throw new UnsupportedSchemaError('#/tools', `tool "${tool.name}" is given twice`);
    names.add(tool.name);
    return {
      type: 'object',
      properties: { name: { const: tool.name }, [argumentsKey]: tool.parameters },
      required: ['name', argumentsKey],
      additionalProperties: false,
    };
  });
  return { anyOf: alternatives };
}

/**
 * A token constraint for one tool call: optional `leading` text, the call's JSON (see
 * {@link toolCallSchema}), optional `trailing` text, then `closing`. Grammars are cached by their tools
 * and options, so masks computed for one generation serve the next.
 * @throws UnsupportedSchemaError / UnsupportedPatternError for a tool schema outside the supported subset.
 * @example
 * createToolCallConstraint(tools, vocabulary, { leading: '\n', trailing: '\n', closing: '</tool_call>' })
 */
export function createToolCallConstraint(
  tools: readonly ConstrainedTool[],
  vocabulary: Vocabulary,
  options: Partial<ToolCallConstraintOptions> = {},
): GrammarConstraint {
  const settings = { ...defaultToolCallConstraintOptions, ...options };
  const key = JSON.stringify(['tool-call', tools, settings]);
  const grammar = cachedGrammar(key, () => {
    const call = toolCallSchema(tools, settings.argumentsKey);
    const schema = settings.array ? { type: 'array', items: call, minItems: 1, maxItems: 1 } : call;
    return compileGrammar(
      [
        { text: settings.leading, optional: true },
        { schema },
        { text: settings.trailing, optional: true },
        { text: settings.closing },
      ],
      settings,
    );
  });
  return new GrammarConstraint(grammar, vocabulary);
}
