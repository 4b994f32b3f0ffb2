import { describe, expect, it } from 'vitest';
import { createBotFrameworkChannel } from '../../../channels/botframework/bot-framework-channel.ts';
import { botFrameworkSettings, readBotFrameworkEnvironment } from '../../../channels/botframework/bot-framework-environment.ts';
import { parleyConfigSchema } from '../../../core/config/parley-config.ts';

describe('Bot Framework environment', () => {
  it("reads Azure Bot Service's variables", () => {
    expect(
      readBotFrameworkEnvironment({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant' }),
    ).toEqual({ appId: 'id', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' });
    expect(readBotFrameworkEnvironment({})).toEqual({});
    expect(readBotFrameworkEnvironment({ PARLEY_BOTFRAMEWORK_ANONYMOUS: '1' })).toEqual({ anonymous: true });
  });

  it('refuses anonymous mode in production, unknown app types and bad URLs, naming the variable', () => {
    expect(() => readBotFrameworkEnvironment({ PARLEY_BOTFRAMEWORK_ANONYMOUS: '1', NODE_ENV: 'production' })).toThrow(/PARLEY_BOTFRAMEWORK_ANONYMOUS.*production/);
    expect(() => readBotFrameworkEnvironment({ PARLEY_BOTFRAMEWORK_ANONYMOUS: 'yes' })).toThrow(/PARLEY_BOTFRAMEWORK_ANONYMOUS/);
    expect(() => readBotFrameworkEnvironment({ MicrosoftAppType: 'UserAssignedMSI' })).toThrow(/MicrosoftAppType/);
    expect(() => readBotFrameworkEnvironment({ PARLEY_BOTFRAMEWORK_OPENID_METADATA: 'file:///etc/passwd' })).toThrow(/PARLEY_BOTFRAMEWORK_OPENID_METADATA/);
  });

  it('refuses incomplete identities when the channel is made, without contacting anyone', () => {
    expect(() => createBotFrameworkChannel({ appId: 'id' })).toThrow(/MicrosoftAppPassword/);
    expect(() => createBotFrameworkChannel({ appId: 'id', appPassword: 's', appType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
    expect(() => createBotFrameworkChannel({ appId: 'id', appPassword: 's', anonymous: true })).toThrow(/PARLEY_BOTFRAMEWORK_ANONYMOUS/);
    const calls: string[] = [];
    const channel = createBotFrameworkChannel({
      appId: 'id',
      appPassword: 's',
      fetch: async (url) => {
        calls.push(String(url));
        throw new Error('offline');
      },
    });
    expect(channel.authMode).toBe('app');
    expect(calls).toEqual([]);
  });
});

describe('Teams and Slack in the bot config (parley.config.json)', () => {
  it('defaults to the endpoint on and takes the author\'s settings', () => {
    const defaults = parleyConfigSchema.parse({});
    expect(defaults.botFramework).toEqual({ enabled: true });
    expect(defaults.slack).toEqual({});
    const config = parleyConfigSchema.parse({
      botFramework: { welcome: 'Hello from Acme', replyWithinMs: 5000, streaming: false },
      slack: { commandResponseType: 'in_channel', userEmails: false },
    });
    expect(botFrameworkSettings(config.botFramework)).toEqual({ welcome: 'Hello from Acme', replyWithinMs: 5000, streaming: false });
    expect(config.slack).toEqual({ commandResponseType: 'in_channel', userEmails: false });
  });

  it('refuses secrets, unknown keys and out-of-range values in the file', () => {
    expect(() => parleyConfigSchema.parse({ botFramework: { appPassword: 'secret' } })).toThrow(/appPassword/);
    expect(() => parleyConfigSchema.parse({ botFramework: { replyWithinMs: 20_000 } })).toThrow();
    expect(() => parleyConfigSchema.parse({ slack: { commandResponseType: 'everyone' } })).toThrow();
  });
});
