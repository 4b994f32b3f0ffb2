import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedSynthesizer } from '../../../channels/voice/embedded-speech.ts';
import { createParleyServer, type ParleyServer } from '../../../channels/http/create-parley-server.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { createMemoryStore } from '../../../core/stores/memory-store.ts';
import { espeakInstalled } from '../../../engine/speech/espeak/espeak-module.ts';
import { spokenWav } from '../../fixtures/voice/spoken-wav.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { testApiKey, testAuthorization } from '../../support/security-api-key.ts';

/** A logger whose lines a test can read. */
function capturedLog() {
  const lines: Array<{ level: number; msg: string }> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as { level: number; msg: string });
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

let acme: LoadedBot;
let server: ParleyServer;
let base: string;
const missing = capturedLog();

beforeAll(async () => {
  acme = await loadAcme({ knowledge: false, conversationStore: createMemoryStore() });
  // As on a machine installed with `npm install --omit=optional`: no espeak-ng package.
  const tts = embeddedSynthesizer(missing.log, { installed: () => false });
  server = createParleyServer({ bot: acme.bot, botName: 'Acme', log: pino({ level: 'silent' }), apiKeys: [testApiKey], web: false, voice: { store: acme.store, tts } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await acme.bot.close();
});

describe('speech output without the optional espeak-ng package', { timeout: 60_000 }, () => {
  it('is installed here, as an optional dependency', () => {
    expect(espeakInstalled()).toBe(true);
    expect(embeddedSynthesizer(pino({ level: 'silent' })).provider).toBe('espeak');
  });

  it('says once that speech output is off, why and how to install it', () => {
    expect(missing.lines).toHaveLength(1);
    expect(missing.lines[0]?.msg).toMatch(/speech output is off: @echogarden\/espeak-ng-emscripten .*GPL-3\.0.* text only .*npm install @echogarden\/espeak-ng-emscripten/);
  });

  it('answers spoken turns with text only', async () => {
    const response = await fetch(`${base}/api/conversations/silent/utterances`, {
      method: 'POST',
      headers: { 'content-type': 'audio/wav', ...testAuthorization },
      body: new Blob([spokenWav('I want to check my order status') as BlobPart]),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { status: string; reply: string; audio: unknown };
    expect(answer.status).toBe('completed');
    expect(answer.reply).toMatch(/order number/);
    expect(answer.audio).toBeNull();
  });
});
