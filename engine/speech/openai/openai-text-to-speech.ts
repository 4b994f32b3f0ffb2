import { splitSentences } from '../split-sentences.ts';
import type { SpeechEvent, TextToSpeech } from '../text-to-speech.ts';
import { parseWav } from '../wav.ts';
import { postSpeechRequest } from './post-speech-request.ts';

/** Options of {@link createOpenAITextToSpeech}. */
export interface OpenAITextToSpeechOptions {
  /** Base URL up to and including `/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. Default none. */
  apiKey?: string;
  /** The model name the server knows. Default "tts-1". */
  model?: string;
  /** The server's voice. Default "alloy". */
  voice?: string;
  /** Retries for 429, 5xx and network failures. Default 2. */
  maxRetries?: number;
  /** Milliseconds for one request. Default 30,000. */
  requestTimeoutMs?: number;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
}

/** The defaults of {@link OpenAITextToSpeechOptions}. */
export const defaultOpenAITextToSpeechOptions = { model: 'tts-1', voice: 'alloy', maxRetries: 2, requestTimeoutMs: 30_000 };

/**
 * Speech synthesis on an OpenAI-compatible server: `POST <baseUrl>/audio/speech` with `{ model, input, voice,
 * response_format: "wav" }`, one request per sentence so the first audio comes after the first sentence. No
 * word timings. Errors: `SpeechBackendError`.
 */
export function createOpenAITextToSpeech(options: OpenAITextToSpeechOptions): TextToSpeech {
  const settings = { ...defaultOpenAITextToSpeechOptions, ...options };
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/audio/speech`;
  return {
    provider: 'openai',
    async *synthesize(text, synthOptions = {}): AsyncGenerator<SpeechEvent> {
      const { signal } = synthOptions;
      for (const sentence of splitSentences(text)) {
        signal?.throwIfAborted();
        const body = await postSpeechRequest(
          url,
          {
            headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
            body: JSON.stringify({ model: settings.model, input: sentence, voice: synthOptions.voice ?? settings.voice, response_format: 'wav' }),
          },
          { provider: 'openai', fetch: settings.fetch ?? fetch, maxRetries: settings.maxRetries, requestTimeoutMs: settings.requestTimeoutMs, signal },
        );
        const audio = parseWav(body);
        if (audio.samples.length > 0) yield { type: 'audio', samples: audio.samples, sampleRate: audio.sampleRate };
      }
    },
  };
}
