import { createRemoteJWKSet, customFetch, type JSONWebKeySet, type RemoteJWKSet } from 'jose';

/** Options of {@link createOpenIdKeys}. */
export interface OpenIdKeysOptions {
  /** The OpenID metadata document whose `jwks_uri` names the signing keys. */
  metadataUrl: string;
  /** Milliseconds one fetch (metadata or keys) may take. */
  timeoutMs: number;
  /** Milliseconds after a failed metadata fetch during which no new fetch is tried. */
  failureCooldownMs: number;
  /** Milliseconds the metadata document is kept. */
  metadataMaxAgeMs: number;
  /** Fetch implementation. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The signing keys an OpenID metadata document names, fetched lazily (never at start-up). */
export interface OpenIdKeys {
  /** The key resolver for `jwtVerify`; rejects when the metadata or keys cannot be fetched. */
  resolver(): Promise<RemoteJWKSet>;
  /** The cached key set, for checks on the key itself (its `endorsements`). */
  cached(): JSONWebKeySet | undefined;
}

/**
 * Fetches an OpenID metadata document on first use (again after `metadataMaxAgeMs`) and hands out a jose
 * remote key set for its `jwks_uri`. Concurrent callers share one fetch; after a failure, callers are refused
 * for `failureCooldownMs` without fetching, so a flood of requests cannot turn into a flood of fetches.
 */
export function createOpenIdKeys(options: OpenIdKeysOptions): OpenIdKeys {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let current: { keys: RemoteJWKSet; jwksUri: string; fetchedAt: number } | undefined;
  let pending: Promise<RemoteJWKSet> | undefined;
  let failedAt: number | undefined;
  let lastFailure: unknown;

  const load = async (): Promise<RemoteJWKSet> => {
    const response = await fetchImpl(options.metadataUrl, { signal: AbortSignal.timeout(options.timeoutMs) });
    if (!response.ok) throw new Error(`OpenID metadata ${options.metadataUrl} answered ${response.status}`);
    const metadata = (await response.json()) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new Error(`OpenID metadata ${options.metadataUrl} has no jwks_uri`);
    const jwksUri = metadata.jwks_uri;
    const keys =
      current?.jwksUri === jwksUri
        ? current.keys
        : createRemoteJWKSet(new URL(jwksUri), {
            timeoutDuration: options.timeoutMs,
            [customFetch]: (url, init) => fetchImpl(url, init),
          });
    current = { keys, jwksUri, fetchedAt: now() };
    return keys;
  };

  return {
    async resolver() {
      if (current && now() - current.fetchedAt < options.metadataMaxAgeMs) return current.keys;
      if (failedAt !== undefined && now() - failedAt < options.failureCooldownMs) throw lastFailure;
      pending ??= load()
        .catch((error: unknown) => {
          // Keys fetched before stay good while the metadata cannot be refreshed.
          if (current) {
            current.fetchedAt = now() - options.metadataMaxAgeMs + options.failureCooldownMs;
            return current.keys;
          }
          failedAt = now();
          lastFailure = error;
          throw error;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    cached: () => current?.keys.jwks(),
  };
}
