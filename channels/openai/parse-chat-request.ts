import { z } from 'zod';
import { OpenAIHttpError } from './openai-http-error.ts';

const contentSchema = z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() })), z.null()]);

const toolCallSchema = z.object({
  id: z.string().max(200),
  type: z.literal('function'),
  function: z.object({ name: z.string().max(200), arguments: z.string() }),
});

const messageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: contentSchema.optional(),
  name: z.string().max(200).optional(),
  tool_calls: z.array(toolCallSchema).max(32).optional(),
  tool_call_id: z.string().max(200).optional(),
});

const toolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"'),
    description: z.string().max(4096).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

/**
 * The fields of a chat-completions request parley reads. Fields it does not know (penalties, logprobs, ...)
 * are accepted and ignored, as OpenAI-compatible servers commonly do, so stock clients work unchanged.
 */
export const chatRequestSchema = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(messageSchema).min(1).max(1000),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  tools: z.array(toolSchema).max(128).optional(),
  tool_choice: z
    .union([z.enum(['auto', 'required', 'none']), z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) })])
    .optional(),
  max_tokens: z.number().int().min(1).max(131_072).nullish(),
  max_completion_tokens: z.number().int().min(1).max(131_072).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  seed: z.number().int().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  n: z.literal(1, 'parley returns one choice; leave n out or set it to 1').nullish(),
  user: z.string().min(1).max(200).optional(),
});

/** A chat-completions request as parley reads it. */
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** Validates a request body; throws a 400 {@link OpenAIHttpError} naming the first bad field. */
export function parseChatRequest(body: unknown): ChatRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map(String).join('.') || null;
  throw new OpenAIHttpError(400, 'invalid_request_error', 'invalid_value', param ? `${param}: ${issue.message}` : issue.message, param);
}

/** The text of a message's content: a string, or its text parts joined. */
export function contentText(content: ChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).flatMap((part) => (part.type === 'text' && part.text !== undefined ? [part.text] : [])).join('');
}
