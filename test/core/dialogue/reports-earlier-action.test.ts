import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { reportsEarlierAction } from '../../../core/dialogue/knowledge-or-action.ts';
import { sayToBot } from '../../support/say-to-bot.ts';
import { loadWasteBot } from '../../support/load-waste-bot.ts';

/** Telling of an action done before ("I booked a pickup …") is not ordering it again. */
let waste: LoadedBot;
beforeAll(async () => {
  waste = await loadWasteBot();
});
afterAll(async () => waste.bot.close());

describe('reportsEarlierAction', () => {
  it("reads a past form of the intent's own order verb as a report, and an order or a new request as none", () => {
    const reports = (text: string) => reportsEarlierAction(waste.bot.registry, 'book_bulky_pickup', text);
    expect(reports("i booked a pickup for my old matress but I don't need it anymore")).toBe(true);
    expect(reports("we've already booked a collection for the fridge")).toBe(true);
    expect(reports('book a pickup for my old mattress')).toBe(false);
    expect(reports('I booked one last week, can you book another for friday?')).toBe(false);
    expect(reports('my neighbour got a collection booked')).toBe(false);
  });

  it('does not start a second booking for it, and a booking still starts when asked for', async () => {
    const say = sayToBot(waste.bot);
    expect(await say('c1', "i booked a pickup for my old matress but I don't need it anymore")).not.toMatch(/On which weekday\?/);
    expect(await say('c2', 'book a pickup for my old mattress')).toMatch(/On which weekday\?/);
  });
});
