import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { type ServerProcess, startServerProcess } from '../support/start-server-process.ts';
import { recordBotText, widget } from './widget-page.ts';

const userSecret = 'e2e-host-site-secret-of-at-least-32-chars';
const budgetBytes = 60 * 1024;

let dataDir: string;
let server: ServerProcess;
let browser: TestBrowser;
const env = () => ({ PARLEY_DATA_DIR: dataDir, PARLEY_USER_TOKEN_SECRET: userSecret });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  [server, browser] = await Promise.all([
    startServerProcess(env()),
    launchBrowser({ viewport: { width: 1180, height: 780 } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGKILL');
});

describe('the demo page with the widget (Chromium)', () => {
  it('runs the order-status form, streams text in chunks, offers quick replies and shows the history after a reload', {
    timeout: 120_000,
  }, async () => {
    const page = await browser.context.newPage();
    const scripts: Array<{ url: string; bytes: number }> = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      void request
        .sizes()
        .then((sizes) => scripts.push({ url: request.url(), bytes: sizes.responseBodySize }));
    });
    const deltaFrames: string[] = [];
    page.on('websocket', (ws) =>
      ws.on(
        'framereceived',
        ({ payload }) => String(payload).includes('"text-delta"') && deltaFrames.push(String(payload)),
      ),
    );
    await page.goto(server.url);
    const chat = widget(page);

    await chat.open();
    expect(await chat.panel.isVisible()).toBe(true);
    await chat.send('where is my order');
    await chat.botSays(/What's your order number\? It has 5 digits/);
    // Everything the page loaded as JavaScript up to the first reply: the widget bundle, served gzipped.
    expect(scripts.map((s) => new URL(s.url).pathname)).toEqual(['/parley-widget.js']);
    expect(scripts.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThan(budgetBytes);

    await chat.send('12345');
    await chat.botSays(/what's the e-mail address on the order/);
    const states = await recordBotText(page);
    const framesBefore = deltaFrames.length;
    await chat.send('maria.garcia@example.com');
    const answer = await chat.botSays(/Order 12345 \(placed 2026-11-24\) is shipped/);
    const finalText = (await answer.textContent()) ?? '';
    const seen = (await states()).filter((s) => s.length > 0 && finalText.startsWith(s));
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(finalText);
    expect(deltaFrames.length - framesBefore).toBeGreaterThan(3);

    await chat.send('help');
    await chat.botSays(/Here is what I can help with/);
    const quickReplies = page.getByRole('group', { name: 'Suggested replies' });
    await expect.poll(() => quickReplies.getByRole('button').count()).toBeGreaterThan(3);
    // The README's screenshot, rewritten only on request (`PARLEY_UPDATE_SCREENSHOTS=1`) so a test run leaves the tree clean.
    if (process.env.PARLEY_UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/widget.png' });

    await quickReplies.getByRole('button', { name: 'Opening hours' }).click();
    await chat.botSays(/Sunday 10:00–18:00/);
    expect(await chat.userBubbles.last().textContent()).toBe('Opening hours');
    expect(await quickReplies.count()).toBe(0);

    await page.reload();
    await chat.botSays(/Sunday 10:00–18:00/);
    expect(await chat.panel.isVisible()).toBe(true);
    expect(await chat.userBubbles.allTextContents()).toEqual([
      'where is my order',
      '12345',
      'maria.garcia@example.com',
      'help',
      'Opening hours',
    ]);
    expect(await chat.botBubbles.filter({ hasText: /is shipped/ }).count()).toBe(1);
    await page.close();
  });

  it('shows a signed-in user their order without asking for the e-mail', { timeout: 60_000 }, async () => {
    const token = await new SignJWT({ name: 'Maria Garcia', email: 'maria.garcia@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('cust-1001')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(userSecret));
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/?user_token=${token}`);
    const chat = widget(page);
    await chat.open();
    await chat.send('where is my order');
    await chat.botSays(/order number/);
    await chat.send('12345');
    await chat.botSays(/Order 12345 \(placed 2026-11-24\) is shipped/);
    expect(await chat.botBubbles.filter({ hasText: /e-mail/ }).count()).toBe(0);
    await page.close();
  });

  it('says when the server is away, reconnects by itself and resumes the conversation after a restart', {
    timeout: 90_000,
  }, async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    const chat = widget(page);
    await chat.open();
    await chat.send('I want to return something');
    await chat.botSays(/Which order is the return for/);

    const port = new URL(server.url).port;
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;
    await chat.status.filter({ hasText: /unreachable.*Reconnecting/ }).waitFor({ timeout: 15_000 });

    server = await startServerProcess({ ...env(), PORT: port });
    await chat.status.waitFor({ state: 'hidden', timeout: 30_000 });
    await chat.send('45210');
    await chat.botSays(/Why are you returning it/);
    await page.close();
  });
});
