import type { IncomingMessage, ServerResponse } from 'node:http';

/** Options of {@link createDemoPageHandler}. */
export interface DemoPageOptions {
  botName: string;
  /** One sentence about the bot, shown on the page. */
  description?: string;
  /** What the bot can do (its intents' titles), listed on the page. Default none. */
  topics?: readonly string[];
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A JWT's alphabet; anything else in `?user_token=` is ignored. */
const jwtPattern = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** The demo page's HTML: a little text and the widget's one script tag. */
export function renderDemoPage(options: DemoPageOptions, userToken?: string): string {
  const name = escapeHtml(options.botName);
  const token =
    userToken && jwtPattern.test(userToken) && userToken.length <= 8192
      ? ` data-user-token="${userToken}"`
      : '';
  const topics = options.topics?.length
    ? `\n  <p class="hint">Ask it about: ${options.topics.map(escapeHtml).join(' · ')}.</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} · parley demo</title>
<link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2430; background: #f4f5f8; }
  main { max-width: 36rem; margin: 0 0 0 clamp(1.5rem, 8vw, 7rem); padding: 3rem 1.5rem 8rem; }
  h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
  code { background: #e6e8ef; padding: .1rem .35rem; border-radius: 4px; font-size: .9em; word-break: break-all; }
  .hint { color: #555c6b; }
</style>
</head>
<body>
<main>
  <h1>${name}</h1>
  <p>${escapeHtml(options.description ?? 'A chatbot served by parley.')}</p>
  <p class="hint">This page stands in for your website. The chat button in the corner is the parley widget, added with one tag:
  <code>&lt;script src="https://your-parley-server/parley-widget.js" data-server="https://your-parley-server" async&gt;&lt;/script&gt;</code></p>${topics}
</main>
<script src="/parley-widget.js" data-title="${name}"${token} async></script>
</body>
</html>
`;
}

/**
 * Serves the demo page at `/`. `?user_token=<JWT>` stands in for a host site's backend putting its signed-in
 * user's token on the page; the server verifies it like any other. Returns false for other paths.
 */
export function createDemoPageHandler(options: DemoPageOptions) {
  return function serveDemoPage(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const html = renderDemoPage(options, url.searchParams.get('user_token') ?? undefined);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(Buffer.byteLength(html)),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  };
}
