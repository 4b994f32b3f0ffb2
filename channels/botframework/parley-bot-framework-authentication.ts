import {
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  type ServiceClientCredentials,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { BotFrameworkAuthError } from './bot-framework-auth-error.ts';
import type { BotFrameworkTokenVerifier } from './bot-framework-token-verifier.ts';
import { teamsStreamEntitiesPolicy } from './teams-stream-entities-policy.ts';
import { UnsupportedUserTokenClient } from './unsupported-user-token-client.ts';

/** How requests are authenticated and replies signed. */
export type BotFrameworkAuthSettings =
  /** Tokens verified for `appId`; replies signed with `credentials`. */
  | { mode: 'app'; appId: string; verify: BotFrameworkTokenVerifier; credentials: ServiceClientCredentials }
  /** No token checked, replies unsigned: the Bot Framework Emulator on a developer's machine. */
  | { mode: 'anonymous' }
  /** No app id and no explicit anonymous mode: every request is refused. */
  | { mode: 'closed' };

/** The audience of tokens the bot presents to the connector (public Azure cloud). */
export const connectorAudience = 'https://api.botframework.com';

/** The refusal of every request while neither an app id nor anonymous mode is configured. */
export function closedEndpointError(): BotFrameworkAuthError {
  return new BotFrameworkAuthError(401, 'not_configured', 'set MicrosoftAppId (or PARLEY_BOTFRAMEWORK_ANONYMOUS=1 for the Emulator) to accept Bot Framework requests');
}

/** Unsigned replies: what the Emulator expects from an anonymous bot. */
const noCredentials: ServiceClientCredentials = { signRequest: async (webResource) => webResource };

class ParleyConnectorFactory extends ConnectorFactory {
  constructor(private readonly credentials: ServiceClientCredentials) {
    super();
  }

  async create(serviceUrl: string): Promise<ConnectorClient> {
    // The client's default pipeline retries 429 (after Retry-After), 5xx but 501/505 and network errors with
    // exponential backoff, and never 4xx otherwise: the connector's documented retry behaviour.
    return new ConnectorClient(this.credentials, { baseUri: serviceUrl, userAgent: 'parley', requestPolicyFactories: [teamsStreamEntitiesPolicy] });
  }
}

/**
 * botbuilder's `BotFrameworkAuthentication` for parley: inbound tokens go through parley's own verifier (fail
 * closed, no network at start-up), outbound calls are signed with client-credentials tokens. The only
 * botbuilder-specific authentication code, so that a later connector SDK replaces this file and the channel.
 */
export class ParleyBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectors: ParleyConnectorFactory;

  constructor(private readonly settings: BotFrameworkAuthSettings) {
    super();
    this.connectors = new ParleyConnectorFactory(settings.mode === 'app' ? settings.credentials : noCredentials);
  }

  /** Verifies the request; rejects with `BotFrameworkAuthError` (401/403). */
  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const settings = this.settings;
    if (settings.mode === 'closed') throw closedEndpointError();
    if (settings.mode === 'anonymous')
      return { audience: connectorAudience, claimsIdentity: new ClaimsIdentity([], 'anonymous'), connectorFactory: this.connectors };
    const verified = await settings.verify(authHeader === '' ? undefined : authHeader, activity);
    const claims = Object.entries(verified.claims).map(([type, value]) => ({ type, value: String(value) }));
    return {
      audience: connectorAudience,
      claimsIdentity: new ClaimsIdentity(claims, true),
      callerId: 'urn:botframework:azure',
      connectorFactory: this.connectors,
    };
  }

  async authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new BotFrameworkAuthError(401, 'streaming_unsupported', 'parley accepts Bot Framework activities over HTTPS only');
  }

  createConnectorFactory(): ConnectorFactory {
    return this.connectors;
  }

  async createUserTokenClient(): Promise<UserTokenClient> {
    return new UnsupportedUserTokenClient();
  }
}
