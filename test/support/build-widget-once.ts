import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildWidget } from '../../bin/build-widget.ts';
import { widgetBundlePath } from '../../channels/web/widget-assets.ts';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** vitest global setup: builds the widget when the bundle is missing or older than its sources. */
export async function setup(): Promise<void> {
  const built = (() => {
    try {
      return statSync(widgetBundlePath).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const sources = Math.max(newestSource('web-client'), statSync('channels/web/protocol.ts').mtimeMs);
  if (built < sources) await buildWidget();
}
