import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import type { SlackChannelOptions } from './slack-channel.ts';

/** Environment variables of the Slack channel. */
export const slackEnvironment = {
  signingSecret: 'SLACK_SIGNING_SECRET',
  botToken: 'SLACK_BOT_TOKEN',
  apiUrl: 'SLACK_API_URL',
} as const;

/**
 * Reads the Slack channel's settings from the environment: `SLACK_SIGNING_SECRET` turns the channel on,
 * `SLACK_BOT_TOKEN` (required with it) lets it answer, `SLACK_API_URL` points the Web API elsewhere (a proxy, a
 * test stand-in). Undefined when the channel is off; throws `ConfigError` naming the variable.
 */
export function readSlackEnvironment(env: NodeJS.ProcessEnv = process.env): Pick<SlackChannelOptions, 'signingSecret' | 'botToken' | 'apiUrl'> | undefined {
  const value = (name: string) => (env[name] === undefined || env[name]?.trim() === '' ? undefined : env[name]!.trim());
  const signingSecret = value(slackEnvironment.signingSecret);
  const botToken = value(slackEnvironment.botToken);
  const apiUrl = value(slackEnvironment.apiUrl);
  if (signingSecret === undefined) {
    if (botToken !== undefined) throw new ConfigError(slackEnvironment.signingSecret, `set with ${slackEnvironment.botToken}: the app's signing secret`);
    return undefined;
  }
  if (botToken === undefined) throw new ConfigError(slackEnvironment.botToken, `set with ${slackEnvironment.signingSecret}: the bot token (xoxb-…)`);
  if (apiUrl !== undefined && !/^https?:\/\/\S+$/i.test(apiUrl)) throw new ConfigError(slackEnvironment.apiUrl, 'an http(s) URL', apiUrl);
  return { signingSecret, botToken, ...(apiUrl ? { apiUrl } : {}) };
}
