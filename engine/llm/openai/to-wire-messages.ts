import type { ChatMessage } from '../language-model.ts';
import type { WireMessage, WireToolCall } from './openai-wire.ts';

/**
 * parley's chat messages in the wire format. An assistant message's tool calls get ids (`call_<message>_<call>`),
 * and each later tool message answers the earliest unanswered call of its tool, since servers such as OpenAI
 * and vLLM reject a tool result without the id of the call it answers.
 */
export function toWireMessages(messages: readonly ChatMessage[]): WireMessage[] {
  const open: WireToolCall[] = [];
  return messages.map((message, m): WireMessage => {
    if (message.role === 'assistant' && message.toolCalls?.length) {
      const calls = message.toolCalls.map(
        (call, c): WireToolCall => ({
          id: `call_${m}_${c}`,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        }),
      );
      open.push(...calls);
      return { role: 'assistant', content: message.content || null, tool_calls: calls };
    }
    if (message.role === 'tool') {
      const at = open.findIndex((call) => call.function.name === message.name);
      const [answered] = at >= 0 ? open.splice(at, 1) : [];
      return {
        role: 'tool',
        content: message.content,
        tool_call_id: answered?.id ?? `call_${m}_result`,
        ...(message.name ? { name: message.name } : {}),
      };
    }
    return { role: message.role, content: message.content };
  });
}
