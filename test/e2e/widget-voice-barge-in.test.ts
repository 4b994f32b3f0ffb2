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
import { widget } from './widget-page.ts';

let server: VoiceServer;
let browser: Awaited<ReturnType<typeof launchVoiceBrowser>>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startVoiceServer({ talkative: true }), launchVoiceBrowser({})]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('barge-in in the widget (Chromium)', () => {
  it('stops playback the moment the user talks over a long answer, and the server aborts the turn before its command', { timeout: 60_000 }, async () => {
    const page = await openVoicePage(browser.context, server.url, {
      userToken: await customerToken(),
      mixedMicrophone: { device: false },
      phrases: ['where is my order', 'stop, cancel that please'],
    });
    await page.getByRole('button', { name: 'Talk' }).click();
    await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-state' && e.state === 'listening');
    await say(page, 0);
    const asked = await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-speech-end');
    await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-playback-start' && e.utteranceId === asked.utteranceId);
    await widget(page).botBubbles.filter({ hasText: /Let me see/ }).waitFor({ timeout: 20_000 });

    // The user talks over the answer.
    await say(page, 1);
    const bargeIn = await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-barge-in');
    expect(bargeIn.utteranceId).toBe(asked.utteranceId);
    const stopped = await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-playback-end' && e.utteranceId === asked.utteranceId);
    expect(stopped.stopped).toBe(true);
    expect(stopped.at - bargeIn.at).toBeLessThan(50);
    expect(await page.locator('parley-widget .voice-state').textContent()).not.toBe('Speaking…');

    // The server stopped the turn: the lookup the answer was leading to never ran, the history keeps what was heard.
    const conversationId = server.lastConversation();
    await expect.poll(() => outcomeOf(server, conversationId, String(asked.utteranceId)), { timeout: 20_000 }).toEqual({ status: 'superseded', commands: [] });
    const heard = (await server.acme.bot.history(conversationId)).find((h) => h.role === 'bot' && h.turnId === asked.utteranceId)?.text ?? '';
    expect(heard).toMatch(/^Let/);
    expect(heard.length).toBeLessThan(longAnswer.join('').length);
    // What the user said over the bot is their next turn.
    const next = await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-speech-end' && e.utteranceId !== asked.utteranceId);
    await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-transcript' && e.utteranceId === next.utteranceId);
    expect(ofType(await voiceEvents(page), 'parley-voice-barge-in')).toHaveLength(1);
    await page.close();
  });
});
