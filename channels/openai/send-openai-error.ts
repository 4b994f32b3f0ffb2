import type { ServerResponse } from 'node:http';
import type { WireError } from '../../engine/llm/openai/openai-wire.ts';
import { sendJson } from '../http/send-json.ts';
import type { OpenAIHttpError } from './openai-http-error.ts';

/** The body of an OpenAI-shaped error answer. */
export function openAIErrorBody(error: OpenAIHttpError): WireError {
  return { error: { message: error.message, type: error.type, code: error.code, param: error.param } };
}

/** Answers with the error's status and OpenAI's error body (or, mid-stream, writes it as the last SSE event). */
export function sendOpenAIError(res: ServerResponse, error: OpenAIHttpError): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end(`data: ${JSON.stringify(openAIErrorBody(error))}\n\n`);
    return;
  }
  sendJson(res, error.status, openAIErrorBody(error));
}
