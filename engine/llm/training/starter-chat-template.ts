/**
 * The chat template of models trained by `parley train-model` (ChatML with Hermes tool calls). Tools are
 * listed by name and argument names only, `get_order_status(order_id)`: a small model learns what each
 * does from its training dialogues, and the constrained decoder enforces the schemas, so the long JSON
 * schemas other templates print would only cost context.
 */
export const starterChatTemplate = [
  "{%- if messages[0].role == 'system' %}{{- '<|im_start|>system\\n' + messages[0].content }}",
  "{%- else %}{{- '<|im_start|>system\\nYou are a helpful assistant.' }}{%- endif %}",
  "{%- if tools %}{{- '\\nTools:' }}{%- for tool in tools %}{{- ' ' + tool.function.name + '(' }}",
  "{%- for name in tool.function.parameters.properties %}{{- name }}{%- if not loop.last %}{{- ', ' }}{%- endif %}{%- endfor %}",
  "{{- ')' }}{%- if not loop.last %}{{- ',' }}{%- endif %}{%- endfor %}{{- '.' }}{%- endif %}",
  "{{- '<|im_end|>\\n' }}",
  '{%- for message in messages %}',
  "{%- if message.role == 'system' and loop.first %}",
  "{%- elif message.role == 'assistant' and message.tool_calls %}{{- '<|im_start|>assistant\\n' }}",
  '{%- for tool_call in message.tool_calls %}',
  '{{- \'<tool_call>\\n{"name": "\' + tool_call.function.name + \'", "arguments": \' + (tool_call.function.arguments | tojson) + \'}\\n</tool_call>\' }}',
  "{%- endfor %}{{- '<|im_end|>\\n' }}",
  "{%- elif message.role == 'tool' %}{{- '<|im_start|>user\\n<tool_response>\\n' + message.content + '\\n</tool_response><|im_end|>\\n' }}",
  "{%- else %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{%- endif %}",
  '{%- endfor %}',
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
].join('');

/** Special tokens of the starter models' tokenizer; `<tool_call>` is plain text to the decoder, as in Qwen2.5. */
export const starterSpecialTokens: ReadonlyArray<{ content: string; special: boolean }> = [
  { content: '<|endoftext|>', special: true },
  { content: '<|im_start|>', special: true },
  { content: '<|im_end|>', special: true },
  { content: '<tool_call>', special: false },
  { content: '</tool_call>', special: false },
];
