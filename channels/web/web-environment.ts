import { readFileSync } from 'node:fs';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { normalizeOrigin } from './origin-policy.ts';
import type { UserTokenOptions } from './user-token-verifier.ts';

/** Environment variables of the web channel (besides `PARLEY_WEB_SECRET`, read by `loadWebSecret`). */
export const webEnvironment = {
  allowedOrigins: 'PARLEY_WEB_ORIGINS',
  userTokenSecret: 'PARLEY_USER_TOKEN_SECRET',
  userTokenPublicKey: 'PARLEY_USER_TOKEN_PUBLIC_KEY',
  userTokenIssuer: 'PARLEY_USER_TOKEN_ISSUER',
  userTokenAudience: 'PARLEY_USER_TOKEN_AUDIENCE',
} as const;

/** The web channel settings the environment gives. */
export interface WebEnvironmentSettings {
  allowedOrigins: string[];
  userTokens?: UserTokenOptions;
}

/**
 * Reads the web channel's environment variables: `PARLEY_WEB_ORIGINS` (comma-separated origins, or `*`),
 * `PARLEY_USER_TOKEN_SECRET` or `PARLEY_USER_TOKEN_PUBLIC_KEY` (PEM text, or a path to a PEM file), and
 * optionally `PARLEY_USER_TOKEN_ISSUER` / `PARLEY_USER_TOKEN_AUDIENCE`. Throws `ConfigError` naming the variable.
 */
export function readWebEnvironment(env: NodeJS.ProcessEnv = process.env): WebEnvironmentSettings {
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const origins = (value(webEnvironment.allowedOrigins) ?? '').split(',').filter((o) => o.trim() !== '');
  const allowedOrigins = origins.map((origin) => {
    try {
      return normalizeOrigin(origin);
    } catch {
      throw new ConfigError(
        webEnvironment.allowedOrigins,
        'comma-separated origins like https://shop.example.com, or *',
        origin,
      );
    }
  });
  const secret = value(webEnvironment.userTokenSecret);
  let publicKey = value(webEnvironment.userTokenPublicKey);
  if (secret !== undefined && publicKey !== undefined) {
    throw new ConfigError(
      webEnvironment.userTokenSecret,
      `only one of ${webEnvironment.userTokenSecret} and ${webEnvironment.userTokenPublicKey}`,
    );
  }
  if (secret !== undefined && secret.length < 32)
    throw new ConfigError(
      webEnvironment.userTokenSecret,
      'at least 32 characters',
      `${secret.length} characters`,
    );
  if (publicKey !== undefined && !publicKey.includes('-----BEGIN')) {
    try {
      publicKey = readFileSync(publicKey, 'utf8');
    } catch {
      throw new ConfigError(
        webEnvironment.userTokenPublicKey,
        'a PEM public key, or the path of a readable PEM file',
        publicKey,
      );
    }
  }
  if (secret === undefined && publicKey === undefined) return { allowedOrigins };
  const issuer = value(webEnvironment.userTokenIssuer);
  const audience = value(webEnvironment.userTokenAudience);
  return {
    allowedOrigins,
    userTokens: {
      ...(secret ? { secret } : { publicKey: publicKey! }),
      ...(issuer ? { issuer } : {}),
      ...(audience ? { audience } : {}),
    },
  };
}
