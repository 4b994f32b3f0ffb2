import { describe, expect, it } from 'vitest';
import { detectToolCallFormat } from '../../../../engine/llm/tool-calls/detect-tool-call-format.ts';

/** Shortened from Qwen2.5-Instruct's chat template. */
const qwen25 = `{%- if tools %}
    {{- '<|im_start|>system\\n' }}
    {%- if messages[0]['role'] == 'system' %}{{- messages[0]['content'] }}{%- endif %}
    {{- "\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>" }}
    {%- for tool in tools %}{{- "\\n" }}{{- tool | tojson }}{%- endfor %}
    {{- "\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{\\"name\\": <function-name>, \\"arguments\\": <args-json-object>}\\n</tool_call><|im_end|>\\n" }}
{%- endif %}
{%- for message in messages %}
    {%- if message.role == "assistant" and message.tool_calls %}
        {%- for tool_call in message.tool_calls %}{{- '\\n<tool_call>\\n{"name": "' }}{{- tool_call.function.name }}{{- '", "arguments": ' }}{{- tool_call.function.arguments | tojson }}{{- '}\\n</tool_call>' }}{%- endfor %}
    {%- endif %}
{%- endfor %}`;

/** Shortened from Llama 3.1-Instruct's chat template. */
const llama31 = `{{- bos_token }}
{%- if not tools_in_user_message is defined %}{%- set tools_in_user_message = true %}{%- endif %}
{{- "<|start_header_id|>system<|end_header_id|>\\n\\n" }}
{%- if builtin_tools is defined or tools is not none %}{{- "Environment: ipython\\n" }}{%- endif %}
{{- "Cutting Knowledge Date: December 2023\\n" }}
{%- if tools_in_user_message and not tools is none %}
    {{- 'Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\\n\\n' }}
    {{- 'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.' }}
{%- endif %}
{%- for message in messages %}
    {%- if 'tool_calls' in message %}
        {%- if builtin_tools is defined and tool_call.name in builtin_tools %}
            {{- '<|python_tag|>' + tool_call.name + '.call(' }}
        {%- else %}
            {{- '{"name": "' + tool_call.name + '", "parameters": ' }}{{- tool_call.arguments | tojson }}{{- "}" }}
        {%- endif %}
        {{- "<|eom_id|>" }}
    {%- endif %}
{%- endfor %}`;

/** Shortened from Llama 3.2-Instruct's chat template (JSON calls, no built-in tools). */
const llama32 = `{{- "<|start_header_id|>system<|end_header_id|>\\n\\n" }}
{%- if tools is not none %}{{- "Environment: ipython\\n" }}{%- endif %}
{{- 'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.' }}
{{- '{"name": "' + tool_call.name + '", ' }}{{- '"parameters": ' }}{{- tool_call.arguments | tojson }}{{- "}" }}{{- "<|eot_id|>" }}`;

/** Shortened from Mistral-7B-Instruct-v0.3's chat template. */
const mistralV3 = `{%- for message in loop_messages %}
    {%- if message["role"] == "user" %}
        {%- if tools is not none and (message == user_messages[-1]) %}
            {{- "[AVAILABLE_TOOLS] [" }}{%- for tool in tools %}{{- '{"type": "function", "function": {' }}{%- endfor %}{{- "[/AVAILABLE_TOOLS]" }}
        {%- endif %}
        {{- "[INST] " + message["content"] + "[/INST]" }}
    {%- elif message.tool_calls is defined and message.tool_calls is not none %}
        {{- "[TOOL_CALLS] [" }}
    {%- endif %}
{%- endfor %}`;

/** A ChatML template with no tool support (SmolLM2 style). */
const chatml = `{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}`;

describe('detectToolCallFormat', () => {
  it.each([
    ['Qwen2.5', qwen25, 'hermes'],
    ['Llama 3.1', llama31, 'llama3'],
    ['Llama 3.2', llama32, 'llama3'],
    ['Mistral v0.3', mistralV3, 'mistral'],
    ['plain ChatML', chatml, 'hermes'],
  ])('reads the %s chat template as %s', (_, template, expected) => {
    expect(detectToolCallFormat(template).name).toBe(expected);
  });

  it.each([
    [{ model_type: 'mistral' }, 'mistral'],
    [{ model_type: 'mixtral' }, 'mistral'],
    [{ model_type: 'qwen2' }, 'hermes'],
    [{ model_type: 'llama', vocab_size: 128256 }, 'llama3'],
    [{ model_type: 'llama', vocab_size: 32000 }, 'hermes'],
    [{ chat_template: mistralV3 }, 'mistral'],
    [{}, 'hermes'],
  ])('falls back to config %j: %s', (config, expected) => {
    expect(detectToolCallFormat(undefined, config).name).toBe(expected);
  });

  it('prefers the template over the model type', () => {
    expect(detectToolCallFormat(qwen25, { model_type: 'llama', vocab_size: 128256 }).name).toBe('hermes');
  });
});
