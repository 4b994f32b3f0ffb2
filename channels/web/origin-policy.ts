/**
 * Decides which pages may open a web channel connection, from the request's `Origin` and `Host` headers.
 * A page served by parley itself (the origin's host equals the `Host` header) is always allowed, so the demo
 * works on any host and port; other sites need their origin listed. A request without `Origin` does not come
 * from a web page (browsers send it on every WebSocket and cross-origin request) and is allowed.
 */
export type OriginPolicy = (origin: string | undefined, host: string | undefined) => boolean;

/**
 * Normalizes an allowed-origin entry to `scheme://host[:port]`; `*` stays `*`. Throws `TypeError` for
 * anything that is not an http(s) origin.
 */
export function normalizeOrigin(entry: string): string {
  const trimmed = entry.trim();
  if (trimmed === '*') return '*';
  const url = new URL(trimmed);
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.pathname.length > 1 ||
    url.search ||
    url.hash
  ) {
    throw new TypeError(`"${entry}" is not an origin like https://shop.example.com`);
  }
  return url.origin;
}

/** Creates the policy for these extra allowed origins (`*` allows every origin). */
export function createOriginPolicy(allowedOrigins: readonly string[] = []): OriginPolicy {
  const allowed = new Set(allowedOrigins.map(normalizeOrigin));
  return (origin, host) => {
    if (origin === undefined) return true;
    if (allowed.has('*')) return true;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    if (parsed.origin === 'null') return false;
    if (host !== undefined && parsed.host === host.toLowerCase()) return true;
    return allowed.has(parsed.origin);
  };
}
