import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createStaticAsset } from './static-asset.ts';

/** Where `npm run build` writes the widget bundle. */
export const widgetBundlePath = fileURLToPath(
  new URL('../../web-client/dist/parley-widget.js', import.meta.url),
);

/**
 * Serves the widget bundle at `/parley-widget.js`: gzip when the browser accepts it, an ETag, and headers that let
 * any site embed it. Re-reads the file when it changes; answers 503 with a hint when it was never built.
 * Returns a handler that answers the widget's path and returns false for others.
 */
export function createWidgetAssetHandler(file: string = widgetBundlePath) {
  const asset = createStaticAsset(file, 'text/javascript; charset=utf-8');
  return async function serveWidget(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/parley-widget.js' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    if (!(await asset.send(req, res))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The widget is not built. Run `npm run build` (npm ci does it for you).\n');
    }
    return true;
  };
}
