import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import type { BotFrameworkIdentity, MicrosoftAppType } from './bot-framework-auth-settings.ts';
import type { BotFrameworkChannelOptions } from './bot-framework-channel.ts';

/** Environment variables of the Bot Framework channel (Azure Bot Service's own names, plus parley's). */
export const botFrameworkEnvironment = {
  appId: 'MicrosoftAppId',
  appPassword: 'MicrosoftAppPassword',
  appType: 'MicrosoftAppType',
  tenantId: 'MicrosoftAppTenantId',
  anonymous: 'PARLEY_BOTFRAMEWORK_ANONYMOUS',
  openIdMetadataUrl: 'PARLEY_BOTFRAMEWORK_OPENID_METADATA',
  tokenUrl: 'PARLEY_BOTFRAMEWORK_TOKEN_URL',
} as const;

const httpUrl = (name: string, value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  if (!/^https?:\/\/\S+$/i.test(value)) throw new ConfigError(name, 'an http(s) URL', value);
  return value;
};

/**
 * Reads the Bot Framework channel's settings from the environment: `MicrosoftAppId` (turns token checks on),
 * `MicrosoftAppPassword`, `MicrosoftAppType` ("MultiTenant" or "SingleTenant"), `MicrosoftAppTenantId`,
 * `PARLEY_BOTFRAMEWORK_ANONYMOUS=1` (the Emulator, without an app id), and the overrides
 * `PARLEY_BOTFRAMEWORK_OPENID_METADATA` / `PARLEY_BOTFRAMEWORK_TOKEN_URL` (private clouds, tests). Throws
 * `ConfigError` naming the variable; anonymous mode with `NODE_ENV=production` is refused, so a production
 * server never starts open.
 */
export function readBotFrameworkEnvironment(env: NodeJS.ProcessEnv = process.env): BotFrameworkIdentity {
  const value = (name: string) => (env[name] === undefined || env[name]?.trim() === '' ? undefined : env[name]!.trim());
  const anonymousText = value(botFrameworkEnvironment.anonymous);
  if (anonymousText !== undefined && !['0', '1', 'true', 'false'].includes(anonymousText))
    throw new ConfigError(botFrameworkEnvironment.anonymous, '1 or 0', anonymousText);
  const anonymous = anonymousText === '1' || anonymousText === 'true';
  if (anonymous && env.NODE_ENV === 'production')
    throw new ConfigError(botFrameworkEnvironment.anonymous, 'unset in production (NODE_ENV=production): set MicrosoftAppId and MicrosoftAppPassword', anonymousText);
  const appType = value(botFrameworkEnvironment.appType);
  if (appType !== undefined && appType !== 'MultiTenant' && appType !== 'SingleTenant')
    throw new ConfigError(botFrameworkEnvironment.appType, '"MultiTenant" or "SingleTenant" (managed identities are not supported)', appType);
  const entries = {
    appId: value(botFrameworkEnvironment.appId),
    appPassword: value(botFrameworkEnvironment.appPassword),
    appType: appType as MicrosoftAppType | undefined,
    tenantId: value(botFrameworkEnvironment.tenantId),
    anonymous: anonymous || undefined,
    openIdMetadataUrl: httpUrl(botFrameworkEnvironment.openIdMetadataUrl, value(botFrameworkEnvironment.openIdMetadataUrl)),
    tokenUrl: httpUrl(botFrameworkEnvironment.tokenUrl, value(botFrameworkEnvironment.tokenUrl)),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as BotFrameworkIdentity;
}

/** The Bot Framework settings of a bot's config file (`botFramework` in parley.config.json). */
export interface BotFrameworkFileSettings {
  enabled: boolean;
  welcome?: string | undefined;
  replyWithinMs?: number | undefined;
  streaming?: boolean | undefined;
}

/** The channel options a config file's `botFramework` block gives (its `enabled` decides whether there is a channel). */
export function botFrameworkSettings(file: BotFrameworkFileSettings): Pick<BotFrameworkChannelOptions, 'welcome' | 'replyWithinMs' | 'streaming'> {
  const { enabled: _enabled, ...settings } = file;
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}
