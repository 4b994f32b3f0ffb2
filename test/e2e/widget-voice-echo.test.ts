import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerToken,
  launchVoiceBrowser,
  longAnswer,
  openVoicePage,
  ofType,
  outcomeOf,
  say,
  startVoiceServer,
  type VoiceServer,
  voiceEvents,
  waitForVoiceEvent,
} from './widget-voice-setup.ts';

let server: VoiceServer;
let browser: Awaited<ReturnType<typeof launchVoiceBrowser>>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startVoiceServer({ talkative: true }), launchVoiceBrowser({})]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('echo in the widget (Chromium)', () => {
  it('never barges in on its own voice: with the playback mixed into the microphone, a whole long answer plays to its end', { timeout: 60_000 }, async () => {
    const page = await openVoicePage(browser.context, server.url, {
      userToken: await customerToken(),
      mixedMicrophone: { device: false, echoGain: 0.7 },
      phrases: ['where is my order'],
    });
    await page.getByRole('button', { name: 'Talk' }).click();
    await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-state' && e.state === 'listening');
    await say(page, 0);
    const asked = await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-speech-end');
    const ended = await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-playback-end' && e.utteranceId === asked.utteranceId, 45_000);
    const events = await voiceEvents(page);
    // The detector heard the echo (the guard judged it) but nothing interrupted the answer, which played to its end.
    expect(ofType(events, 'parley-voice-echo-ignored').length).toBeGreaterThan(0);
    expect(ofType(events, 'parley-voice-barge-in')).toEqual([]);
    expect(ended.stopped).toBe(false);
    expect(Number(ended.playedMs)).toBeGreaterThan(5000);
    // And the echo was never sent as the user's words.
    expect(ofType(events, 'parley-voice-speech-end')).toHaveLength(1);
    const conversationId = server.lastConversation();
    // The turn ran to its end, and the stored reply is the whole answer (an interruption would have cut it).
    await expect.poll(() => outcomeOf(server, conversationId, String(asked.utteranceId)), { timeout: 20_000 }).toMatchObject({ status: 'completed' });
    const stored = (await server.acme.bot.history(conversationId)).find((h) => h.role === 'bot' && h.turnId === asked.utteranceId)?.text;
    expect(stored).toBe(longAnswer.join('').trim());
    await page.close();
  });
});
