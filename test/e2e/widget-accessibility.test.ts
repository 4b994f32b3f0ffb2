import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../core/load-bot-directory.ts';
import { startTestServer, type TestServer } from '../channels/web/web-test-server.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { loadAcme } from '../support/load-acme.ts';
import { widget } from './widget-page.ts';

let loaded: LoadedBot;
let web: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  loaded = await loadAcme();
  [web, browser] = await Promise.all([
    startTestServer(loaded.bot),
    launchBrowser({ viewport: { width: 375, height: 667 } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await loaded?.bot.close();
});

/** The focused element, looking inside the widget's shadow root. */
const focused = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const inner = active?.shadowRoot?.activeElement ?? active;
    return {
      host: active?.tagName.toLowerCase(),
      tag: inner?.tagName.toLowerCase(),
      label: inner?.getAttribute('aria-label'),
    };
  });

describe('the widget on a 375×667 phone, by keyboard', () => {
  it('opens from the keyboard, moves focus to the input, announces bot messages and closes with Escape', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    const chat = widget(page);
    await chat.launcher.waitFor();

    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ host: 'parley-widget', tag: 'button', label: 'Open chat' });
    await page.keyboard.press('Enter');
    await chat.panel.waitFor();
    expect(await focused(page)).toEqual({ host: 'parley-widget', tag: 'textarea', label: 'Message' });

    // On a phone the panel takes the whole screen, without sideways scrolling.
    // The panel slides in; wait for the opening transition to end before measuring it.
    await expect.poll(() => chat.panel.boundingBox(), { timeout: 5000 }).toMatchObject({ x: 0, y: 0, width: 375, height: 667 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await chat.panel.ariaSnapshot()).toMatch(/textbox "Message"[\s\S]*button "Send message"/);

    await page.keyboard.type('are you open on sunday?');
    await page.keyboard.press('Enter');
    const reply = await chat.botSays(/Sunday/);
    const live = await reply.evaluate((element) => {
      const region = element.closest('[aria-live]');
      return {
        live: region?.getAttribute('aria-live'),
        role: region?.getAttribute('role'),
        busy: region?.getAttribute('aria-busy'),
      };
    });
    expect(live).toEqual({ live: 'polite', role: 'log', busy: 'false' });
    expect(await focused(page)).toMatchObject({ tag: 'textarea' });

    await page.keyboard.press('Escape');
    await chat.panel.waitFor({ state: 'hidden' });
    expect(await focused(page)).toEqual({ host: 'parley-widget', tag: 'button', label: 'Open chat' });
    expect(await chat.launcher.getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Space');
    await chat.panel.waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'textarea' });
    await page.close();
  });

  it('reaches the quick replies and the close button with Tab', { timeout: 60_000 }, async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    const chat = widget(page);
    await chat.open();
    await chat.send('help');
    await chat.botSays(/Here is what I can help with/);
    const labels: Array<string | null | undefined> = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Shift+Tab');
      const now = await focused(page);
      labels.push(
        now.label ??
          (await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)),
      );
    }
    expect(labels).toContain('Talk to a person');
    expect(labels).toContain('Close chat');
    await page.close();
  });
});
