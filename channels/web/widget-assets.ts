import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Where `npm run build` writes the widget bundle. */
export const widgetBundlePath = fileURLToPath(
  new URL('../../web-client/dist/parley-widget.js', import.meta.url),
);

interface Asset {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/**
 * Serves the widget bundle at `/parley-widget.js`: gzip when the browser accepts it, an ETag, and headers that let
 * any site embed it. Re-reads the file when it changes; answers 503 with a hint when it was never built.
 * Returns a handler that answers the widget's path and returns false for others.
 */
export function createWidgetAssetHandler(file: string = widgetBundlePath) {
  let cached: Asset | undefined;
  const load = async (): Promise<Asset | undefined> => {
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    if (cached?.mtimeMs !== info.mtimeMs) {
      const body = await readFile(file);
      cached = {
        mtimeMs: info.mtimeMs,
        body,
        gzip: gzipSync(body, { level: 9 }),
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      };
    }
    return cached;
  };

  return async function serveWidget(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/parley-widget.js' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const asset = await load();
    if (!asset) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The widget is not built. Run `npm run build` (npm ci does it for you).\n');
      return true;
    }
    const headers: Record<string, string> = {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      etag: asset.etag,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'cross-origin',
    };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? asset.gzip : asset.body;
    res.writeHead(200, {
      ...headers,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      'content-length': String(body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
