import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchVoiceBrowser, openVoicePage, startVoiceServer, type VoiceServer, waitForVoiceEvent } from './widget-voice-setup.ts';
import { widget } from './widget-page.ts';

let server: VoiceServer;

beforeAll(async () => {
  server = await startVoiceServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** Presses the microphone in a browser set up as `mic`; returns the page once the widget said why voice is off. */
async function pressMicrophone(mic: Parameters<typeof launchVoiceBrowser>[0], reason: string) {
  const browser = await launchVoiceBrowser(mic);
  const page = await openVoicePage(browser.context, server.url);
  await page.getByRole('button', { name: 'Talk' }).click();
  const error = await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-error', 30_000);
  expect(error.reason).toBe(reason);
  return { browser, page };
}

describe('voice without a microphone (Chromium)', () => {
  it('says that microphone access was refused, turns voice off and keeps the chat working', { timeout: 50_000 }, async () => {
    const { browser, page } = await pressMicrophone({ allowed: false }, 'permission_denied');
    const chat = widget(page);
    await expect.poll(() => page.locator('parley-widget .notice.problem').allTextContents()).toContain(
      'Microphone access was refused, so voice is off. You can keep typing.',
    );
    expect(await page.getByRole('button', { name: 'Talk' }).getAttribute('aria-pressed')).toBe('false');
    await chat.send('where is my order');
    await chat.botSays(/What's your order number\? It has 5 digits/);
    await browser.close();
  });

  it('says that no microphone was found, without loading the voice files, and keeps the chat working', { timeout: 50_000 }, async () => {
    const before = server.requests.length;
    const { browser, page } = await pressMicrophone({ device: false }, 'no_microphone');
    const chat = widget(page);
    await expect.poll(() => page.locator('parley-widget .notice.problem').allTextContents()).toContain(
      'No microphone was found, so voice is off. You can keep typing.',
    );
    expect(server.requests.slice(before).filter((path) => path.startsWith('/parley-voice/'))).toEqual([]);
    await chat.send('where is my order');
    await chat.botSays(/What's your order number\? It has 5 digits/);
    await browser.close();
  });
});
