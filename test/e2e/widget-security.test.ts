import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../core/create-bot.ts';
import { builtinSkills } from '../../skills/builtin/builtin-skills.ts';
import { defineSkill } from '../../skills/define-skill.ts';
import { startTestServer, type TestServer } from '../channels/web/web-test-server.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { widget } from './widget-page.ts';

const hostile =
  '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> **Bold** and [the docs](https://example.com/docs)';

/** A bot whose replies carry markup, as a compromised data source or a model could produce. */
function markupSkill() {
  return defineSkill({
    name: 'markup',
    intents: {
      show_markup: {
        examples: [
          'show me the markup',
          'markup please',
          'show markup',
          'give me the markup',
          'display the markup',
        ],
        response: { text: hostile, suggestions: [{ title: '<b>chip</b>', value: 'show me a card' }] },
      },
      show_card: {
        examples: ['show me a card', 'a card please', 'card', 'give me a card', 'display a card'],
        response: {
          text: 'Here is a card.',
          card: {
            title: '<i>Return policy</i>',
            text: 'Returns within **30 days**.',
            buttons: [{ title: 'Start a return', value: 'show me the markup' }],
          },
        },
      },
    },
  });
}

let bot: Bot;
let web: TestServer;
let browser: TestBrowser;
let foreign: Server;
let foreignUrl: string;

beforeAll(async () => {
  bot = await createBot({ skills: [...builtinSkills(), markupSkill()] });
  web = await startTestServer(bot);
  // Another site embedding the widget from a parley server (`?parley=<url>`, default the one under test).
  foreign = createServer((req, res) => {
    const parley = new URL(req.url ?? '/', 'http://x').searchParams.get('parley') ?? web.url;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<!doctype html><title>elsewhere</title><p>Another site</p><script src="${parley}/parley-widget.js" async></script>`,
    );
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://localhost:${(foreign.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  foreign?.close();
  await web?.close();
  await bot?.close();
});

describe('the widget is safe to embed (Chromium)', () => {
  it('shows HTML in bot and user messages as text and runs nothing', { timeout: 60_000 }, async () => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(web.url);
    const chat = widget(page);
    await chat.open();
    await chat.send('<b onclick="window.__pwned=3">hi</b>');
    await chat.botSays(/.+/);
    expect(await chat.userBubbles.last().textContent()).toBe('<b onclick="window.__pwned=3">hi</b>');
    expect(await chat.userBubbles.last().locator('b').count()).toBe(0);
    await chat.send('show me the markup');
    const bubble = await chat.botSays(/the docs/);
    const text = (await bubble.textContent()) ?? '';
    expect(text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(text).toContain('<script>window.__pwned=2</script>');
    const rendered = await bubble.evaluate((el) => ({
      elements: Array.from(el.querySelectorAll('*'), (e) => e.tagName.toLowerCase()),
      link: el.querySelector('a') && {
        href: el.querySelector('a')!.href,
        target: el.querySelector('a')!.target,
        rel: el.querySelector('a')!.rel,
      },
    }));
    expect(rendered.elements.sort()).toEqual(['a', 'p', 'strong']);
    expect(rendered.link).toEqual({
      href: 'https://example.com/docs',
      target: '_blank',
      rel: expect.stringContaining('noopener'),
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('parley-widget img, parley-widget .log script').count()).toBe(0);
    expect(await page.locator('img, script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Quick replies and cards show their titles as text too; a card's button sends its value.
    await page.getByRole('button', { name: '<b>chip</b>' }).click();
    const card = page.getByRole('group', { name: '<i>Return policy</i>' });
    await card.waitFor();
    expect(await card.locator('strong').textContent()).toBe('30 days');
    await card.getByRole('button', { name: 'Start a return' }).click();
    await expect
      .poll(() => chat.botBubbles.filter({ hasText: /the docs/ }).count(), { timeout: 15_000 })
      .toBe(2);
    await page.close();
  });

  it('keeps the page out of its shadow root styles and the page styles out of it', {
    timeout: 30_000,
  }, async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    await page.addStyleTag({
      content:
        'button { background: rgb(255, 0, 0) !important; display: none !important; } * { font-family: serif !important; }',
    });
    const chat = widget(page);
    await chat.open();
    const styles = await chat.launcher.evaluate((el) => ({
      background: getComputedStyle(el).backgroundColor,
      display: getComputedStyle(el).display,
    }));
    expect(styles).toEqual({ background: 'rgb(59, 91, 219)', display: 'grid' });
    expect(await page.evaluate(() => document.querySelector('parley-widget')?.shadowRoot?.mode)).toBe('open');
    await page.close();
  });

  it('is refused a connection when embedded on a site whose origin is not allowed', {
    timeout: 60_000,
  }, async () => {
    let connections = 0;
    const io = web.server.web!.io!;
    io.on('connection', () => connections++);
    // engine.io reports each refused request (polling) and upgrade (WebSocket) with the Forbidden code.
    const refusals: Array<{ code: number; origin: string | undefined }> = [];
    io.engine.on('connection_error', (error: { code: number; req: { headers: { origin?: string } } }) =>
      refusals.push({ code: error.code, origin: error.req.headers.origin }),
    );
    const page = await browser.context.newPage();
    await page.goto(foreignUrl);
    const chat = widget(page);
    await chat.open();
    await chat.status.filter({ hasText: /unreachable/ }).waitFor({ timeout: 20_000 });
    await chat.send('hi');
    await page.waitForTimeout(1000);
    expect(connections).toBe(0);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((r) => r.code === 4 && r.origin === foreignUrl)).toBe(true);
    expect(await chat.botBubbles.count()).toBe(0);
    expect(
      await chat.userBubbles.last().evaluate((el) => el.parentElement?.classList.contains('sending')),
    ).toBe(true);
    await page.close();
  });

  it('connects from that site once its origin is configured', { timeout: 60_000 }, async () => {
    const allowing = await startTestServer(bot, { allowedOrigins: [foreignUrl] });
    const page = await browser.context.newPage();
    await page.goto(`${foreignUrl}/?parley=${encodeURIComponent(allowing.url)}`);
    const chat = widget(page);
    await chat.open();
    await chat.send('show me the markup');
    await chat.botSays(/the docs/);
    await page.close();
    await allowing.close();
  });
});
