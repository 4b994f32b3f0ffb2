import { createHash, timingSafeEqual } from 'node:crypto';

/** Decides whether a request's `Authorization` header carries one of the API keys. */
export type ApiKeyCheck = (authorization: string | string[] | undefined) => boolean;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Creates the check for `Authorization: Bearer <key>` against `keys`. The presented key is compared with every
 * key through SHA-256 digests and `timingSafeEqual`, so neither the time taken nor an early exit tells how much
 * of a key was right. With no keys every request is refused (a server is never open by accident).
 */
export function createApiKeyCheck(keys: readonly string[]): ApiKeyCheck {
  const expected = keys.filter((k) => k !== '').map(digest);
  return (authorization) => {
    if (typeof authorization !== 'string') return false;
    const match = /^Bearer[ \t]+(\S{1,512})[ \t]*$/i.exec(authorization);
    if (!match) return false;
    const given = digest(match[1]!);
    let ok = false;
    for (const key of expected) ok = timingSafeEqual(given, key) || ok;
    return ok;
  };
}
