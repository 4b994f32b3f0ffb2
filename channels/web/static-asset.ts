import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** A file served as is, with its gzipped copy and ETag, re-read when it changes on disk. */
interface LoadedAsset {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/** A file on disk served over HTTP: {@link StaticAsset.send} answers a GET or HEAD for it. */
export interface StaticAsset {
  /** Sends the file (gzip when accepted, 304 for a matching ETag); resolves false when the file is missing. */
  send(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

/**
 * Serves one file with `contentType`, gzipped when the browser accepts it, with an ETag and headers that let any
 * site load it (`cross-origin-resource-policy: cross-origin`). The file is read and compressed on first use (off
 * the event loop's hot path: zlib runs in its thread pool) and again when its modification time changes.
 */
export function createStaticAsset(file: string, contentType: string, cacheControl = 'public, max-age=300'): StaticAsset {
  let cached: Promise<LoadedAsset> | undefined;
  let cachedMtime: number | undefined;
  const load = async (): Promise<LoadedAsset | undefined> => {
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    if (!cached || cachedMtime !== info.mtimeMs) {
      cachedMtime = info.mtimeMs;
      cached = (async () => {
        const body = await readFile(file);
        return {
          mtimeMs: info.mtimeMs,
          body,
          gzip: await gzipAsync(body, { level: 9 }),
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        };
      })();
      cached.catch(() => {
        cached = undefined;
      });
    }
    return cached;
  };

  return {
    async send(req, res) {
      const asset = await load();
      if (!asset) return false;
      const headers: Record<string, string> = {
        'content-type': contentType,
        'cache-control': cacheControl,
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
      const gzipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzipped ? asset.gzip : asset.body;
      res.writeHead(200, { ...headers, ...(gzipped ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
