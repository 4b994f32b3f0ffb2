import type { ServiceClientCredentials } from 'botframework-connector';

/** Options of {@link createClientCredentials}. */
export interface ClientCredentialsOptions {
  /** The bot's Microsoft App ID (`client_id`). */
  appId: string;
  /** Its client secret (`client_secret`). */
  password: string;
  /** The OAuth 2.0 token endpoint. */
  tokenUrl: string;
  /** The resource the token is for; the requested scope is `<audience>/.default`. */
  audience: string;
  /** Milliseconds a token request may take. */
  timeoutMs: number;
  /** Fetch implementation. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Seconds before its expiry a token is renewed. */
const renewBeforeS = 300;

/**
 * Credentials that sign the bot's calls to the connector with an OAuth 2.0 client-credentials token (the
 * grant Azure Bot Service bots use), fetched on the first call, shared by concurrent callers and renewed five
 * minutes before it expires. A failed token request fails the call it was for; the next call tries again.
 */
export function createClientCredentials(options: ClientCredentialsOptions): ServiceClientCredentials {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let token: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const requestToken = async (): Promise<string> => {
    const response = await fetchImpl(options.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.appId,
        client_secret: options.password,
        scope: `${options.audience.replace(/\/$/, '')}/.default`,
      }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (!response.ok || typeof body.access_token !== 'string')
      throw new Error(`the token endpoint ${options.tokenUrl} answered ${response.status} without an access token`);
    const lifetimeS = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    token = { value: body.access_token, renewAt: now() + Math.max(0, lifetimeS - renewBeforeS) * 1000 };
    return body.access_token;
  };

  const current = async (): Promise<string> => {
    if (token && now() < token.renewAt) return token.value;
    pending ??= requestToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    async signRequest(webResource) {
      webResource.headers.set('authorization', `Bearer ${await current()}`);
      return webResource;
    },
  };
}
