import type { ChannelUser } from '../../core/contracts/user-turn.ts';
import type { ConversationTokens } from './conversation-token.ts';
import type { OriginPolicy } from './origin-policy.ts';
import type { UserTokenVerifier } from './user-token-verifier.ts';
import { WebChannelError } from './web-channel-error.ts';

/** Who a connection is and which conversation it continues; kept as the socket's `data`. */
export interface WebIdentity {
  conversationId: string;
  user: ChannelUser;
  /** True when the presented conversation token was continued. */
  resumed: boolean;
  locale: string;
}

/** What {@link authenticateHandshake} needs. */
export interface HandshakeContext {
  tokens: ConversationTokens;
  originPolicy: OriginPolicy;
  /** Absent when the server accepts no user tokens. */
  verifyUserToken: UserTokenVerifier | undefined;
  newId: () => string;
}

/** The parts of socket.io's handshake the check reads. */
export interface HandshakeInput {
  headers: Record<string, string | string[] | undefined>;
  auth: unknown;
  /** The identity of a connection being recovered after a short drop (socket.io restores it with the session). */
  recovered?: WebIdentity;
}

const maxTokenLength = 8192;
const localePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

function field(auth: Record<string, unknown>, name: string): string | undefined {
  const value = auth[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > maxTokenLength) {
    const code = name === 'userToken' ? 'invalid_user_token' : 'invalid_conversation_token';
    throw new WebChannelError(code, `auth.${name} must be a string of at most ${maxTokenLength} characters`);
  }
  return value;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Checks a connection: its origin, the user token (verified user) and the conversation token. A valid
 * conversation token continues its conversation when it belongs to the same user (the same verified id, or
 * an anonymous browser when no user token is given); otherwise a new conversation starts, so signing in or
 * out never shows one person's conversation to another. A forged or expired token is refused. A recovered
 * connection without a token continues its restored conversation under the same rule.
 * Throws `WebChannelError`.
 */
export async function authenticateHandshake(
  input: HandshakeInput,
  context: HandshakeContext,
): Promise<WebIdentity> {
  const origin = header(input.headers.origin);
  if (!context.originPolicy(origin, header(input.headers.host))) {
    throw new WebChannelError('origin_not_allowed', `pages from ${origin} may not use this chat server`);
  }
  const auth = (typeof input.auth === 'object' && input.auth !== null ? input.auth : {}) as Record<
    string,
    unknown
  >;
  const userToken = field(auth, 'userToken');
  const conversationToken = field(auth, 'conversationToken');
  const locale = typeof auth.locale === 'string' && localePattern.test(auth.locale) ? auth.locale : 'en';

  let verified: ChannelUser | undefined;
  if (userToken !== undefined) {
    if (!context.verifyUserToken)
      throw new WebChannelError('invalid_user_token', 'this server accepts no user tokens');
    verified = await context.verifyUserToken(userToken);
  }
  const claims =
    conversationToken !== undefined
      ? context.tokens.verify(conversationToken)
      : input.recovered && {
          conversationId: input.recovered.conversationId,
          userId: input.recovered.user.id,
          verified: input.recovered.user.verified,
        };
  const sameUser =
    Boolean(claims) && (verified ? claims!.verified && claims!.userId === verified.id : !claims!.verified);
  const user: ChannelUser = verified ?? {
    id: sameUser ? claims!.userId : `anon:${context.newId()}`,
    verified: false,
  };
  return {
    conversationId: sameUser ? claims!.conversationId : `web-${context.newId()}`,
    user,
    resumed: sameUser,
    locale,
  };
}
