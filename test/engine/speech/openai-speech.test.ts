import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAISpeechToText } from '../../../engine/speech/openai/openai-speech-to-text.ts';
import { createOpenAITextToSpeech } from '../../../engine/speech/openai/openai-text-to-speech.ts';
import { transcribe } from '../../../engine/speech/speech-to-text.ts';
import { spokenAudio } from '../../fixtures/voice/spoken-wav.ts';
import { type SpeechStandIn, startSpeechStandIn } from './openai-speech-stand-in.ts';
import { contractLanguage, speechToTextContract } from './speech-to-text-contract.ts';
import { textToSpeechContract } from './text-to-speech-contract.ts';

let standIn: SpeechStandIn;
beforeAll(async () => {
  standIn = await startSpeechStandIn('sk-test');
});
afterAll(() => standIn.close());

speechToTextContract('openai', () => createOpenAISpeechToText({ baseUrl: standIn.baseUrl, apiKey: 'sk-test' }));
textToSpeechContract('openai', () => createOpenAITextToSpeech({ baseUrl: standIn.baseUrl, apiKey: 'sk-test' }));

describe('openai speech backends on the wire', () => {
  it('send the model, the language, the key and a prompt of the phrases the bot expects', async () => {
    const stt = createOpenAISpeechToText({ baseUrl: standIn.baseUrl, apiKey: 'sk-test', model: 'large-v3' });
    await transcribe(stt, spokenAudio('where is my order'), { language: contractLanguage, locale: 'en-GB' });
    const sent = standIn.requests.at(-1)!;
    expect(sent).toMatchObject({ path: '/v1/audio/transcriptions', authorization: 'Bearer sk-test', fields: { model: 'large-v3', language: 'en', response_format: 'json' } });
    expect(sent.fields.prompt).toContain('where is my order');
  });

  it('retry 503 answers and report other failures once, with the status', async () => {
    const tts = createOpenAITextToSpeech({ baseUrl: standIn.baseUrl, apiKey: 'sk-test' });
    standIn.failNext(2);
    let audio = 0;
    for await (const event of tts.synthesize('Hello there.')) if (event.type === 'audio') audio += event.samples.length;
    expect(audio).toBeGreaterThan(0);
    const wrongKey = createOpenAISpeechToText({ baseUrl: standIn.baseUrl, apiKey: 'sk-wrong' });
    await expect(transcribe(wrongKey, spokenAudio('where is my order'))).rejects.toMatchObject({ name: 'SpeechBackendError', status: 401, retryable: false });
  });
});
