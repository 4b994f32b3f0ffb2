import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfTurnSettings } from '../../web-client/voice/end-of-turn.ts';
import { measureEndOfTurn, summarizeEndOfTurn } from '../bench/voice-end-of-turn-measure.ts';
import { serveVadPage, type VadPage } from '../bench/voice-vad-page.ts';
import { type PausedRecording, pausedRecordings } from '../fixtures/voice-recordings/paused-recordings.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';

let recordings: PausedRecording[];
let site: VadPage;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  recordings = pausedRecordings();
  [site, browser] = await Promise.all([serveVadPage(new Map(recordings.map((recording) => [recording.name, recording.wav]))), launchBrowser()]);
  page = await browser.context.newPage();
  await page.goto(site.url);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("the widget's end of turn, vad-web's MicVAD in Chromium", () => {
  it('cuts at most 5 % of 20 sentences with a 300–700 ms pause inside them, and ends every other one after its speech', {
    timeout: 120_000,
  }, async () => {
    const tuned = recordings.map((recording) => ({ id: recording.name, recording, settings: endOfTurnSettings(recording.awaiting) }));
    // The same measure with a wait shorter than every pause must see the splits, or it could not see any.
    const longestPauses = [...recordings].sort((a, b) => b.pauseEndMs - b.pauseStartMs - (a.pauseEndMs - a.pauseStartMs)).slice(0, 4);
    const hasty = longestPauses.map((recording) => ({ id: `hasty:${recording.name}`, recording, settings: { ...endOfTurnSettings('none'), redemptionMs: 200 } }));
    const outcomes = await measureEndOfTurn(page, site.assetBase, [...tuned, ...hasty]);
    const mine = outcomes.filter((outcome) => !outcome.id.startsWith('hasty:'));
    const summary = summarizeEndOfTurn(mine);
    const cut = mine.filter((outcome) => outcome.premature).map((outcome) => outcome.id);
    expect(summary.unheard, 'the detector heard every recording').toBe(0);
    expect(summary.n).toBe(20);
    expect(summary.prematureCutoffRate, `cut before the end: ${cut.join(', ')}`).toBeLessThanOrEqual(0.05);
    for (const outcome of mine.filter((each) => !each.premature)) expect(outcome.hangoverMs, `${outcome.id} ended after its speech`).toBeGreaterThanOrEqual(0);
    expect(outcomes.filter((outcome) => outcome.id.startsWith('hasty:') && outcome.premature)).toHaveLength(hasty.length);
  });
});
