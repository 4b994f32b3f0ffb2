import type { Locator, Page } from 'playwright-core';

/** Drives the widget on a page the way a person (or assistive technology) finds it: by role and name. */
export function widget(page: Page) {
  const launcher = page.getByRole('button', { name: /chat/i }).first();
  const input = page.getByRole('textbox', { name: 'Message' });
  const botBubbles = page.locator('parley-widget .row.bot .bubble');
  return {
    launcher,
    input,
    panel: page.getByRole('dialog'),
    log: page.getByRole('log'),
    botBubbles,
    userBubbles: page.locator('parley-widget .row.user .bubble'),
    status: page.locator('parley-widget .status'),
    async open() {
      await launcher.click();
      await input.waitFor();
    },
    async send(text: string) {
      await input.fill(text);
      await input.press('Enter');
    },
    /** The last bot bubble whose text matches, once it is there and finished streaming. */
    async botSays(pattern: RegExp, timeout = 15_000): Promise<Locator> {
      const bubble = botBubbles.filter({ hasText: pattern }).last();
      await bubble.waitFor({ timeout });
      await page
        .locator('parley-widget .log[aria-busy="true"]')
        .waitFor({ state: 'detached', timeout })
        .catch(() => undefined);
      return bubble;
    },
  };
}

/** Evaluates in the page: the text states the newest bot bubble went through since the call (a MutationObserver). */
export async function recordBotText(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const root = document.querySelector('parley-widget')!.shadowRoot!;
    const states: string[] = [];
    (window as unknown as { __botText: string[] }).__botText = states;
    new MutationObserver(() => {
      const bubbles = root.querySelectorAll('.row.bot .bubble');
      const text = bubbles[bubbles.length - 1]?.textContent ?? '';
      if (states.at(-1) !== text) states.push(text);
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __botText: string[] }).__botText);
}
