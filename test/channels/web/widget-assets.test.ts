import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidgetAssetHandler, widgetBundlePath } from '../../../channels/web/widget-assets.ts';
import type { LoadedBot } from '../../../core/load-bot-directory.ts';
import { loadAcme } from '../../support/load-acme.ts';
import { startTestServer, type TestServer } from './web-test-server.ts';

let loaded: LoadedBot;
let web: TestServer;

beforeAll(async () => {
  loaded = await loadAcme();
  web = await startTestServer(loaded.bot);
});
afterAll(async () => {
  await web.close();
  await loaded.bot.close();
});

/** A GET with raw headers (fetch would decode gzip by itself). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('demo page and widget bundle', () => {
  it('serves the demo page at / with the widget tag and a strict content security policy', async () => {
    const page = await get(`${web.url}/`);
    expect(page.status).toBe(200);
    const html = page.body.toString();
    expect(html).toContain(
      '<script src="/parley-widget.js" data-title="Acme store assistant" async></script>',
    );
    expect(html).toContain('Track an order');
    expect(html).not.toMatch(/<form|<input/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('puts a JWT-shaped ?user_token on the tag and ignores anything else', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';
    expect((await get(`${web.url}/?user_token=${token}`)).body.toString()).toContain(
      `data-user-token="${token}"`,
    );
    const hostile = encodeURIComponent('"><script>alert(1)</script>');
    const html = (await get(`${web.url}/?user_token=${hostile}`)).body.toString();
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('data-user-token');
  });

  it('serves the bundle gzipped with an ETag, and 304 when unchanged', async () => {
    const first = await get(`${web.url}/parley-widget.js`, { 'accept-encoding': 'gzip' });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/javascript/);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(first.body)).toEqual(readFileSync(widgetBundlePath));
    const again = await get(`${web.url}/parley-widget.js`, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    const plain = await get(`${web.url}/parley-widget.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toMatch(/^var ParleyWidget=/);
  });

  it('answers 503 with a hint when the bundle was never built', async () => {
    const serve = createWidgetAssetHandler('/nonexistent/parley-widget.js');
    const server = createServer((req, res) => void serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/parley-widget.js`);
    expect(response.status).toBe(503);
    expect(response.body.toString()).toMatch(/npm run build/);
    server.close();
  });

  it('serves none of it with web: false', async () => {
    const off = await startTestServer(loaded.bot, false);
    expect((await get(`${off.url}/`)).status).toBe(404);
    expect((await get(`${off.url}/parley-widget.js`)).status).toBe(404);
    expect((await get(`${off.url}/socket.io/?EIO=4&transport=polling`)).status).toBe(404);
    expect(off.server.web).toBeUndefined();
    await off.close();
  });
});
