import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { voiceFromConfig } from '../../../channels/voice/voice-from-config.ts';
import { loadConfig } from '../../../core/config/load-config.ts';

const botDir = () => mkdtempSync(join(tmpdir(), 'parley-voice-config-'));
const silent = pino({ level: 'silent' });

describe('voice settings', () => {
  it('default to pocketsphinx and espeak, and take the environment', async () => {
    expect((await loadConfig(botDir(), {})).voice).toMatchObject({ stt: 'pocketsphinx', tts: 'espeak' });
    const config = await loadConfig(botDir(), { PARLEY_STT: 'openai', PARLEY_TTS: 'openai', PARLEY_SPEECH_BASE_URL: 'http://localhost:8080/v1', PARLEY_SPEECH_API_KEY: 'k' });
    expect(config.voice).toMatchObject({ stt: 'openai', tts: 'openai', baseUrl: 'http://localhost:8080/v1', apiKey: 'k' });
    const voice = voiceFromConfig(config.voice, silent, undefined);
    if (voice === false) throw new Error('voice is on');
    expect(voice.stt?.provider).toBe('openai');
    expect(voice.tts?.provider).toBe('openai');
  });

  it('name the variable and the choices when a value is wrong', async () => {
    await expect(loadConfig(botDir(), { PARLEY_STT: 'whisper' })).rejects.toThrow(/PARLEY_STT/);
    await expect(loadConfig(botDir(), { PARLEY_SPEECH_BASE_URL: 'localhost' })).rejects.toThrow(/PARLEY_SPEECH_BASE_URL/);
    const noUrl = await loadConfig(botDir(), { PARLEY_STT: 'openai' });
    expect(() => voiceFromConfig(noUrl.voice, silent, undefined)).toThrow(/PARLEY_SPEECH_BASE_URL/);
    expect(voiceFromConfig((await loadConfig(botDir(), { PARLEY_STT: 'off' })).voice, silent, undefined)).toBe(false);
  });
});
