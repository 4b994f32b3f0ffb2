import { decodeProtectedHeader, errors as joseErrors, type JWTPayload, jwtVerify } from 'jose';
import { BotFrameworkAuthError } from './bot-framework-auth-error.ts';
import { definedOnly } from './defined-only.ts';
import { createOpenIdKeys } from './openid-keys.ts';

/** The OpenID metadata of the Bot Framework connector (public Azure cloud). */
export const botFrameworkOpenIdMetadataUrl = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

/** The issuer of the tokens the Bot Framework connector sends to bots. */
export const botFrameworkIssuer = 'https://api.botframework.com';

/** Options of {@link createBotFrameworkTokenVerifier}. */
export interface BotFrameworkTokenVerifierOptions {
  /** The bot's Microsoft App ID: the required `aud` claim. */
  appId: string;
  /** Where the signing keys are named. Default {@link botFrameworkOpenIdMetadataUrl}. */
  openIdMetadataUrl?: string;
  /** Accepted `iss` values. Default `[botFrameworkIssuer]`. */
  issuers?: readonly string[];
  /** Accepted clock skew for `exp` and `nbf`, in seconds. Default 300. */
  clockToleranceS?: number;
  /** Milliseconds a metadata or key fetch may take before the request is refused. Default 5000. */
  fetchTimeoutMs?: number;
  /** Milliseconds after a failed metadata fetch during which requests are refused without fetching. Default 5000. */
  failureCooldownMs?: number;
  /** Milliseconds the metadata document is kept. Default 24 h. */
  metadataMaxAgeMs?: number;
  /** Fetch implementation. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The defaults of {@link BotFrameworkTokenVerifierOptions}. */
export const defaultBotFrameworkTokenVerifierOptions = {
  openIdMetadataUrl: botFrameworkOpenIdMetadataUrl,
  issuers: [botFrameworkIssuer] as readonly string[],
  clockToleranceS: 300,
  fetchTimeoutMs: 5000,
  failureCooldownMs: 5000,
  metadataMaxAgeMs: 24 * 60 * 60 * 1000,
};

/** What a verified token says about the request. */
export interface BotFrameworkClaims {
  /** Every claim of the token. */
  claims: JWTPayload & { serviceurl?: string };
  /** The app id the token was issued for. */
  appId: string;
}

/** The part of an activity a token is checked against. */
export interface ActivityEnvelope {
  serviceUrl?: string | undefined;
  channelId?: string | undefined;
}

/** Checks the `Authorization` header of a request against its activity; rejects with {@link BotFrameworkAuthError}. */
export type BotFrameworkTokenVerifier = (authorization: string | undefined, activity: ActivityEnvelope) => Promise<BotFrameworkClaims>;

const refuse = (reason: string, message: string, cause?: unknown) => new BotFrameworkAuthError(401, reason, message, cause);

function bearerToken(authorization: string | undefined): string {
  if (!authorization) throw refuse('missing_token', 'the request has no Authorization header');
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization);
  if (!match) throw refuse('malformed_token', 'the Authorization header is not "Bearer <JWT>"');
  return match[1]!;
}

function checkHeader(token: string): void {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    throw refuse('malformed_token', 'the token header is not valid', error);
  }
  if (header.alg !== 'RS256') throw refuse('bad_algorithm', `tokens must be signed with RS256, not ${String(header.alg)}`);
  if (typeof header.kid !== 'string' || header.kid === '') throw refuse('missing_key_id', 'the token names no signing key (kid)');
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `bad_${error.claim}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'unknown_key';
  return 'invalid_token';
}

/**
 * Verifies Bot Framework connector tokens the way the connector's own SDKs do: `Bearer` JWT, RS256 only, a key
 * id (both checked before any key is looked up), a signature by a key of the OpenID metadata's key set, `iss`,
 * `aud` = the app id, `exp`/`nbf` within the clock tolerance, the `serviceurl` claim equal to the activity's
 * `serviceUrl`, and, when the key lists `endorsements`, the activity's channel among them (else 403). Keys are
 * fetched on the first request, never at start-up; when they cannot be fetched the request is refused (401).
 */
export function createBotFrameworkTokenVerifier(options: BotFrameworkTokenVerifierOptions): BotFrameworkTokenVerifier {
  const settings = { ...defaultBotFrameworkTokenVerifierOptions, ...definedOnly(options) };
  const now = options.now ?? Date.now;
  const keys = createOpenIdKeys({
    metadataUrl: settings.openIdMetadataUrl,
    timeoutMs: settings.fetchTimeoutMs,
    failureCooldownMs: settings.failureCooldownMs,
    metadataMaxAgeMs: settings.metadataMaxAgeMs,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return async (authorization, activity) => {
    const token = bearerToken(authorization);
    checkHeader(token);
    let resolver: Awaited<ReturnType<typeof keys.resolver>>;
    try {
      resolver = await keys.resolver();
    } catch (error) {
      throw refuse('keys_unavailable', 'the signing keys could not be fetched', error);
    }
    let payload: JWTPayload;
    let kid: string | undefined;
    try {
      const verified = await jwtVerify(token, resolver, {
        algorithms: ['RS256'],
        issuer: [...settings.issuers],
        audience: options.appId,
        clockTolerance: settings.clockToleranceS,
        currentDate: new Date(now()),
        requiredClaims: ['exp'],
      });
      payload = verified.payload;
      kid = verified.protectedHeader.kid;
    } catch (error) {
      throw refuse(reasonOf(error), `the token was refused: ${(error as Error).message}`, error);
    }
    const serviceUrl = payload.serviceurl;
    if (typeof serviceUrl !== 'string' || serviceUrl !== activity.serviceUrl)
      throw refuse('service_url_mismatch', "the token's serviceurl claim does not match the activity's serviceUrl");
    const key = keys.cached()?.keys.find((k) => k.kid === kid) as { endorsements?: unknown } | undefined;
    if (Array.isArray(key?.endorsements) && !key.endorsements.includes(activity.channelId))
      throw new BotFrameworkAuthError(403, 'not_endorsed', `the signing key is not endorsed for channel "${activity.channelId}"`);
    return { claims: payload as BotFrameworkClaims['claims'], appId: options.appId };
  };
}
