import { createPublicKey, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { turnLimits } from '../../core/create-bot.ts';
import type { ChannelUser } from '../../core/contracts/user-turn.ts';
import { WebChannelError } from './web-channel-error.ts';

/**
 * How the host page's user tokens are checked. A user token is a JWT the host site's own backend issues
 * for its signed-in user (`sub` = user id, optional `name` and `email`), signed with a shared secret (HS256)
 * or a private key whose public half parley has (RS256, ES256, EdDSA...). Tokens must carry `exp`.
 */
export interface UserTokenOptions {
  /** Shared secret for HS256/384/512 (env `PARLEY_USER_TOKEN_SECRET`); at least 32 characters. */
  secret?: string;
  /** A PEM public key (SPKI, "-----BEGIN PUBLIC KEY-----") for RSA, EC or Ed25519 signatures (env `PARLEY_USER_TOKEN_PUBLIC_KEY`). */
  publicKey?: string;
  /** Accepted `alg` values. Default: every algorithm of the key's kind (HS256/384/512 for a secret; RS, PS, ES or EdDSA for a public key). */
  algorithms?: string[];
  /** Required `iss` claim (env `PARLEY_USER_TOKEN_ISSUER`). Default: not checked. */
  issuer?: string;
  /** Required `aud` claim (env `PARLEY_USER_TOKEN_AUDIENCE`). Default: not checked. */
  audience?: string;
  /** Accepted clock skew, in seconds. Default 30. */
  clockToleranceS?: number;
}

/** Turns a user token into the verified user, or throws `WebChannelError` "invalid_user_token". */
export type UserTokenVerifier = (token: string) => Promise<ChannelUser>;

function algorithmsFor(key: KeyObject | Uint8Array): string[] {
  if (key instanceof Uint8Array) return ['HS256', 'HS384', 'HS512'];
  if (key.asymmetricKeyType === 'rsa') return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
  if (key.asymmetricKeyType === 'ec') return ['ES256', 'ES384', 'ES512'];
  return ['EdDSA', 'Ed25519'];
}

function claimString(payload: Record<string, unknown>, name: string, max: number): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/**
 * Creates the verifier for the host page's user tokens (verified with `jose`). Throws `RangeError` when
 * neither or both of `secret` and `publicKey` are given, or the secret is shorter than 32 characters.
 *
 * @example
 * const verify = createUserTokenVerifier({ secret: process.env.PARLEY_USER_TOKEN_SECRET });
 * const user = await verify(token); // { id: 'cust-42', verified: true, email: 'maria@example.com' }
 */
export function createUserTokenVerifier(
  options: UserTokenOptions,
  now: () => number = Date.now,
): UserTokenVerifier {
  if (Boolean(options.secret) === Boolean(options.publicKey))
    throw new RangeError('give a user token secret or a public key (one of them)');
  if (options.secret !== undefined && options.secret.length < 32)
    throw new RangeError('the user token secret needs at least 32 characters');
  const key = options.secret ? new TextEncoder().encode(options.secret) : createPublicKey(options.publicKey!);
  if (!(key instanceof Uint8Array) && key.type !== 'public')
    throw new RangeError('the user token key must be a public key');
  const algorithms = options.algorithms ?? algorithmsFor(key);

  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: options.clockToleranceS ?? 30,
        currentDate: new Date(now()),
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      }));
    } catch (error) {
      const why = error instanceof joseErrors.JWTExpired ? 'has expired' : 'could not be verified';
      throw new WebChannelError('invalid_user_token', `the user token ${why}`);
    }
    const id = claimString(payload, 'sub', turnLimits.maxIdLength);
    if (!id)
      throw new WebChannelError(
        'invalid_user_token',
        `the user token's "sub" must be an id of at most ${turnLimits.maxIdLength} characters`,
      );
    const name = claimString(payload, 'name', 200);
    const email = payload.email_verified === false ? undefined : claimString(payload, 'email', 320);
    return { id, verified: true, ...(name ? { name } : {}), ...(email ? { email } : {}) };
  };
}
