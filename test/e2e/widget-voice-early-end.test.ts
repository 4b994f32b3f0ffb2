import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfTurnSettings } from '../../web-client/voice/end-of-turn.ts';
import { type PausedRecording, pausedRecordings } from '../fixtures/voice-recordings/paused-recordings.ts';
import { launchVoiceBrowser, openVoicePage, ofType, type RecordedVoiceEvent, startVoiceServer, type VoiceServer, voiceEvents, waitForVoiceEvent } from './widget-voice-setup.ts';

let server: VoiceServer;
let browser: Awaited<ReturnType<typeof launchVoiceBrowser>>;
let recordings: PausedRecording[];

beforeAll(async () => {
  recordings = pausedRecordings();
  [server, browser] = await Promise.all([startVoiceServer(), launchVoiceBrowser({})]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const recording = (prefix: string) => {
  const found = recordings.find((r) => r.name.startsWith(prefix));
  if (!found) throw new Error(`no recording ${prefix}`);
  return found;
};

/**
 * Says a recording (a sentence with a pause inside) into the widget's microphone in a new conversation; returns the
 * page's events of the utterance that holds the end of speech, and where speech truly ended on the page's clock.
 */
async function speak(r: PausedRecording): Promise<{ page: Page; trueEnd: number; ends: RecordedVoiceEvent[] }> {
  const page = await openVoicePage(browser.context, server.url, { mixedMicrophone: { device: false } });
  await page.route(`${server.url}/test-audio/*`, (route) => route.fulfill({ status: 200, contentType: 'audio/wav', body: Buffer.from(r.wav) }));
  await page.getByRole('button', { name: 'Talk' }).click();
  await page.locator('parley-widget[data-voice="listening"]').waitFor({ state: 'attached', timeout: 30_000 });
  const played = await page.evaluate(async () => {
    const durationS = await (window as unknown as { __say(i: number): Promise<number> }).__say(0);
    return { endedAt: performance.now(), durationS };
  });
  const trueEnd = played.endedAt - played.durationS * 1000 + r.speechEndMs;
  const last = await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-speech-end' && e.at >= trueEnd);
  await waitForVoiceEvent(page, (e) => e.type === 'parley-voice-transcript' && e.utteranceId === last.utteranceId);
  return { page, trueEnd, ends: ofType(await voiceEvents(page), 'parley-voice-speech-end') };
}

describe("the widget's early end of turn (Chromium, the server's partial transcripts)", () => {
  it('ends a complete request after a short silence, not the full wait, and not at the pause inside it', { timeout: 90_000 }, async () => {
    const { page, trueEnd, ends } = await speak(recording('01-'));
    // "I want to check … my order status": the pause after "check" is no end; the end of "status" is.
    expect(ends.filter((e) => e.at < trueEnd), 'cut at the pause').toEqual([]);
    expect(ends).toHaveLength(1);
    expect(ends[0]!.early).toBe(true);
    expect(ends[0]!.at - trueEnd).toBeLessThan(endOfTurnSettings('none').redemptionMs);
    await page.close();
  });

  it('does not cut a sentence that pauses after "what time does"', { timeout: 90_000 }, async () => {
    const { page, trueEnd, ends } = await speak(recording('07-'));
    expect(ends.filter((e) => e.at < trueEnd), 'cut at the pause').toEqual([]);
    const transcripts = ofType(await voiceEvents(page), 'parley-voice-transcript').map((e) => e.text);
    expect(transcripts.join(' | ')).toMatch(/\bstore\b/);
    await page.close();
  });
});
