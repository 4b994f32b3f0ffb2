import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { createBotFrameworkTokenVerifier } from './bot-framework-token-verifier.ts';
import { createClientCredentials } from './client-credentials.ts';
import { type BotFrameworkAuthSettings, connectorAudience } from './parley-bot-framework-authentication.ts';

/** How the bot is registered with Azure Bot Service (env `MicrosoftAppType`). */
export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant';

/** The identity and authentication settings of the Bot Framework channel. */
export interface BotFrameworkIdentity {
  /** The bot's Microsoft App ID (env `MicrosoftAppId`). Setting it turns token checks on. */
  appId?: string;
  /** Its client secret (env `MicrosoftAppPassword`), to sign replies. Required with `appId`. */
  appPassword?: string;
  /** "MultiTenant" (default) or "SingleTenant" (env `MicrosoftAppType`). */
  appType?: MicrosoftAppType;
  /** The Entra tenant of a SingleTenant bot (env `MicrosoftAppTenantId`). */
  tenantId?: string;
  /**
   * Without `appId`, accept unauthenticated requests and send unsigned replies, as the Bot Framework Emulator
   * does on a developer's machine (env `PARLEY_BOTFRAMEWORK_ANONYMOUS=1`). Default false: every request is refused.
   */
  anonymous?: boolean;
  /** OpenID metadata naming the connector's signing keys. Default the public cloud's. */
  openIdMetadataUrl?: string;
  /** OAuth 2.0 token endpoint for reply tokens. Default `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`. */
  tokenUrl?: string;
  /** Accepted token issuers. Default `["https://api.botframework.com"]`. */
  issuers?: readonly string[];
  /** Milliseconds a key or token fetch may take. Default 5000. */
  fetchTimeoutMs?: number;
  /** Fetch implementation for keys and tokens. Default the global `fetch`. */
  fetch?: typeof fetch;
}

/** Checks the identity settings and builds the channel's authentication; throws `ConfigError` naming the setting. */
export function authSettingsOf(identity: BotFrameworkIdentity, now: () => number): BotFrameworkAuthSettings {
  const { appId } = identity;
  if (appId === undefined || appId === '') return { mode: identity.anonymous ? 'anonymous' : 'closed' };
  if (identity.anonymous) throw new ConfigError('PARLEY_BOTFRAMEWORK_ANONYMOUS', 'unset when MicrosoftAppId is set', '1');
  if (!identity.appPassword) throw new ConfigError('MicrosoftAppPassword', 'the client secret of MicrosoftAppId');
  const appType = identity.appType ?? 'MultiTenant';
  if (appType !== 'MultiTenant' && appType !== 'SingleTenant')
    throw new ConfigError('MicrosoftAppType', '"MultiTenant" or "SingleTenant" (managed identities are not supported)', appType);
  if (appType === 'SingleTenant' && !identity.tenantId) throw new ConfigError('MicrosoftAppTenantId', 'the tenant id of a SingleTenant bot');
  const tenant = appType === 'SingleTenant' ? identity.tenantId! : 'botframework.com';
  const fetchTimeoutMs = identity.fetchTimeoutMs ?? 5000;
  const shared = { now, ...(identity.fetch ? { fetch: identity.fetch } : {}) };
  return {
    mode: 'app',
    appId,
    verify: createBotFrameworkTokenVerifier({
      appId,
      fetchTimeoutMs,
      ...shared,
      ...(identity.openIdMetadataUrl ? { openIdMetadataUrl: identity.openIdMetadataUrl } : {}),
      ...(identity.issuers ? { issuers: identity.issuers } : {}),
    }),
    credentials: createClientCredentials({
      appId,
      password: identity.appPassword,
      tokenUrl: identity.tokenUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
      audience: connectorAudience,
      timeoutMs: fetchTimeoutMs,
      ...shared,
    }),
  };
}
