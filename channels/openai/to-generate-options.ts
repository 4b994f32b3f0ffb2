import type { ChatMessage, GenerateOptions, ToolDefinition } from '../../engine/llm/language-model.ts';
import { OpenAIHttpError } from './openai-http-error.ts';
import { type ChatRequest, contentText } from './parse-chat-request.ts';

const emptyObjectSchema = { type: 'object', properties: {} };

function parseArguments(text: string, at: number): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text || '{}');
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new OpenAIHttpError(400, 'invalid_request_error', 'invalid_value', `messages.${at}: tool call arguments must be a JSON object`, `messages.${at}.tool_calls`);
  return parsed as Record<string, unknown>;
}

/** The request's messages as the model's: developer as system, tool results named after the call they answer. */
function messagesOf(request: ChatRequest): ChatMessage[] {
  const callNames = new Map<string, string>();
  return request.messages.map((message, at): ChatMessage => {
    const content = contentText(message.content);
    if (message.role === 'assistant' && message.tool_calls?.length) {
      for (const call of message.tool_calls) callNames.set(call.id, call.function.name);
      const toolCalls = message.tool_calls.map((call) => ({ name: call.function.name, arguments: parseArguments(call.function.arguments, at) }));
      return { role: 'assistant', content, toolCalls };
    }
    if (message.role === 'tool') {
      const name = (message.tool_call_id && callNames.get(message.tool_call_id)) ?? message.name;
      return { role: 'tool', content, ...(name ? { name } : {}) };
    }
    return { role: message.role === 'developer' ? 'system' : message.role, content };
  });
}

/** The tools offered, narrowed to one when `tool_choice` names a function. */
function toolsOf(request: ChatRequest): { tools?: ToolDefinition[]; toolChoice?: GenerateOptions['toolChoice'] } {
  const tools = (request.tools ?? []).map(
    ({ function: f }): ToolDefinition => ({ name: f.name, description: f.description ?? '', parameters: f.parameters ?? emptyObjectSchema }),
  );
  const choice = request.tool_choice;
  if (typeof choice === 'object') {
    const named = tools.filter((tool) => tool.name === choice.function.name);
    if (named.length === 0)
      throw new OpenAIHttpError(400, 'invalid_request_error', 'invalid_value', `tool_choice names "${choice.function.name}", which is not among the tools`, 'tool_choice');
    return { tools: named, toolChoice: 'required' };
  }
  return tools.length ? { tools, ...(choice ? { toolChoice: choice } : {}) } : {};
}

/** A chat-completions request as a {@link GenerateOptions} for a parley `LanguageModel`. */
export function toGenerateOptions(request: ChatRequest, signal: AbortSignal): GenerateOptions {
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  const stop = typeof request.stop === 'string' ? [request.stop] : request.stop;
  return {
    messages: messagesOf(request),
    ...toolsOf(request),
    ...(maxTokens != null ? { maxTokens } : {}),
    ...(request.temperature != null ? { temperature: request.temperature } : {}),
    ...(request.top_p != null ? { topP: request.top_p } : {}),
    ...(request.seed != null ? { seed: request.seed } : {}),
    ...(stop?.length ? { stop } : {}),
    signal,
  };
}
