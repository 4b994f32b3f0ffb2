import { expandLanguage } from '../expand-language.ts';
import { resample } from '../resample.ts';
import type { SpeechLanguage } from '../speech-language.ts';
import type { SpeechToText, TranscriptEvent } from '../speech-to-text.ts';
import { encodeWav } from '../wav.ts';
import { postSpeechRequest } from './post-speech-request.ts';

/** Options of {@link createOpenAISpeechToText}. */
export interface OpenAISpeechToTextOptions {
  /** Base URL up to and including `/v1`, e.g. "http://localhost:8080/v1" (whisper.cpp, faster-whisper, vLLM). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. Default none. */
  apiKey?: string;
  /** The model name the server knows. Default "whisper-1". */
  model?: string;
  /** Retries for 429, 5xx and network failures. Default 2. */
  maxRetries?: number;
  /** Milliseconds for one request. Default 30,000. */
  requestTimeoutMs?: number;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
}

/** The defaults of {@link OpenAISpeechToTextOptions}. */
export const defaultOpenAISpeechToTextOptions = { model: 'whisper-1', maxRetries: 2, requestTimeoutMs: 30_000 };

/** Longest prompt sent, in characters (Whisper reads about 224 tokens of it). */
const maxPromptChars = 800;

/** Sentences of the language as a prompt: the likeliest (the awaited answer) first. */
function promptOf(language: SpeechLanguage): string {
  const sentences = [...new Set(expandLanguage(language, { perPhrase: 1 }).map((words) => words.join(' ')))];
  let prompt = '';
  for (const sentence of sentences) {
    if (prompt.length + sentence.length + 2 > maxPromptChars) break;
    prompt += `${sentence}. `;
  }
  return prompt.trim();
}

/**
 * Speech recognition on an OpenAI-compatible server: `POST <baseUrl>/audio/transcriptions` (multipart: the
 * utterance as a 16 kHz WAV, `model`, `language`, and a `prompt` of phrases of the {@link SpeechLanguage} as a
 * vocabulary hint). The audio is sent once it has all arrived, so there are no partial transcripts; the answer
 * carries no confidence, so a transcript counts as 1 and silence as 0. Errors: `SpeechBackendError`.
 */
export function createOpenAISpeechToText(options: OpenAISpeechToTextOptions): SpeechToText {
  const settings = { ...defaultOpenAISpeechToTextOptions, ...options };
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/audio/transcriptions`;
  return {
    provider: 'openai',
    closedVocabulary: false,
    async *recognize(audio, recognizeOptions): AsyncGenerator<TranscriptEvent> {
      const { signal, sampleRate, language, locale } = recognizeOptions;
      signal?.throwIfAborted();
      const chunks: Int16Array[] = [];
      for await (const chunk of audio) {
        signal?.throwIfAborted();
        chunks.push(resample({ sampleRate, samples: chunk }, 16_000).samples);
      }
      const samples = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        samples.set(chunk, at);
        at += chunk.length;
      }
      const form = new FormData();
      form.append('file', new Blob([encodeWav({ sampleRate: 16_000, samples }) as BlobPart], { type: 'audio/wav' }), 'utterance.wav');
      form.append('model', settings.model);
      form.append('response_format', 'json');
      form.append('language', (locale ?? 'en').split('-')[0]!);
      if (language) form.append('prompt', promptOf(language));
      const body = await postSpeechRequest(
        url,
        { headers: settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}, body: form },
        { provider: 'openai', fetch: settings.fetch ?? fetch, maxRetries: settings.maxRetries, requestTimeoutMs: settings.requestTimeoutMs, signal },
      );
      const answer = JSON.parse(new TextDecoder().decode(body)) as { text?: unknown };
      const text = typeof answer.text === 'string' ? answer.text.trim() : '';
      yield { type: 'transcript-final', text, confidence: text ? 1 : 0 };
    },
  };
}
