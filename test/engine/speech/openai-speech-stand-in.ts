import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEspeakTextToSpeech } from '../../../engine/speech/espeak/espeak-text-to-speech.ts';
import { createPocketsphinxSpeechToText } from '../../../engine/speech/pocketsphinx/pocketsphinx-speech-to-text.ts';
import type { SpeechLanguage } from '../../../engine/speech/speech-language.ts';
import { transcribe } from '../../../engine/speech/speech-to-text.ts';
import { encodeWav, parseWav } from '../../../engine/speech/wav.ts';

/** A local server speaking OpenAI's audio API, and what it was sent. */
export interface SpeechStandIn {
  baseUrl: string;
  /** Each request: its path, Authorization header and form or JSON fields. */
  requests: Array<{ path: string; authorization: string | undefined; fields: Record<string, string> }>;
  /** The next `n` requests are answered 503 with `Retry-After: 0`. */
  failNext(n: number): void;
  close(): Promise<void>;
}

const digits = ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * A stand-in for whisper.cpp's or vLLM's OpenAI-compatible audio endpoints: `POST /v1/audio/transcriptions`
 * (multipart WAV; transcribed by pocketsphinx against the sentences of the `prompt`, as Whisper is steered by it)
 * and `POST /v1/audio/speech` (JSON; espeak-ng's audio as a WAV). Requires `Authorization: Bearer <key>` when
 * given a key.
 */
export async function startSpeechStandIn(key?: string): Promise<SpeechStandIn> {
  const stt = createPocketsphinxSpeechToText({ decoding: 'grammar' });
  const tts = createEspeakTextToSpeech();
  const requests: SpeechStandIn['requests'] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const answer = (status: number, type: string, data: Uint8Array | string, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': type, ...headers });
          res.end(data);
        };
        if (key && req.headers.authorization !== `Bearer ${key}`) return answer(401, 'application/json', JSON.stringify({ error: { message: 'Incorrect API key provided' } }));
        if (failures > 0) {
          failures--;
          return answer(503, 'application/json', JSON.stringify({ error: { message: 'overloaded' } }), { 'retry-after': '0' });
        }
        if (req.url === '/v1/audio/transcriptions') {
          const form = await new Request('http://stand-in/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body }).formData();
          const file = form.get('file');
          const fields: Record<string, string> = {};
          for (const name of ['model', 'language', 'prompt', 'response_format']) {
            const value = form.get(name);
            if (typeof value === 'string') fields[name] = value;
          }
          requests.push({ path: req.url, authorization: req.headers.authorization, fields });
          if (!(file instanceof Blob)) return answer(400, 'application/json', JSON.stringify({ error: { message: 'file is required' } }));
          const sentences = (fields.prompt ?? '').split('. ').map((s) => s.replace(/\.$/, '').split(' ').filter(Boolean)).filter((s) => s.length > 0);
          const language: SpeechLanguage = { phrases: [...sentences.map((items) => ({ items })), { items: [{ repeat: { class: 'digit' } }] }], classes: { digit: digits.map((d) => [d]) } };
          const { text } = await transcribe(stt, parseWav(new Uint8Array(await file.arrayBuffer())), { language });
          return answer(200, 'application/json', JSON.stringify({ text: text ? `${text[0]!.toUpperCase()}${text.slice(1)}.` : '' }));
        }
        if (req.url === '/v1/audio/speech') {
          const fields = JSON.parse(body.toString('utf8')) as Record<string, string>;
          requests.push({ path: req.url, authorization: req.headers.authorization, fields });
          const pieces: Int16Array[] = [];
          let rate = 22_050;
          for await (const event of tts.synthesize(fields.input ?? ''))
            if (event.type === 'audio') {
              pieces.push(event.samples);
              rate = event.sampleRate;
            }
          const samples = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
          let at = 0;
          for (const p of pieces) {
            samples.set(p, at);
            at += p.length;
          }
          return answer(200, 'audio/wav', encodeWav({ sampleRate: rate, samples }));
        }
        answer(404, 'application/json', JSON.stringify({ error: { message: 'not found' } }));
      })().catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    failNext: (n) => {
      failures = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
