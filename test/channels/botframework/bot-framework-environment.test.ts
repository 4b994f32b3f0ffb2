import { describe, expect, it } from 'vitest';
import { createBotFrameworkChannel } from '../../../channels/botframework/bot-framework-channel.ts';
import { readBotFrameworkEnvironment } from '../../../channels/botframework/bot-framework-environment.ts';

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
