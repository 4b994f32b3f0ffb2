import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebChannelError } from './web-channel-error.ts';

/** What a conversation token asserts. */
export interface ConversationClaims {
  /** The conversation it resumes. */
  conversationId: string;
  /** The user the conversation belongs to: a verified user's id, or the anonymous id given to the browser. */
  userId: string;
  /** Whether `userId` came from a verified user token. */
  verified: boolean;
  /** Expiry, milliseconds since the epoch. */
  expiresAt: number;
}

/** Options of {@link createConversationTokens}. */
export interface ConversationTokenOptions {
  /** HMAC-SHA256 key, at least 32 bytes. */
  secret: Uint8Array;
  /** How long a token is accepted, in milliseconds. */
  ttlMs: number;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Signs and checks conversation tokens. */
export interface ConversationTokens {
  sign(claims: Omit<ConversationClaims, 'expiresAt'>): { token: string; expiresAt: number };
  /** The claims of a genuine, unexpired token; throws `WebChannelError` "invalid_conversation_token" otherwise. */
  verify(token: string): ConversationClaims;
}

const prefix = 'pc1';

/**
 * The bytes of canonical base64url text (no padding, no other characters, unused trailing bits zero), or
 * undefined. `Buffer.from(text, 'base64url')` alone skips characters it does not know, so a token with junk
 * appended would still verify.
 */
function decodeCanonical(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

/**
 * Conversation tokens: `pc1.<claims, base64url JSON>.<HMAC-SHA256 of both, base64url>`. The widget keeps one
 * per site so a reload resumes the conversation; the server stores nothing per browser.
 */
export function createConversationTokens(options: ConversationTokenOptions): ConversationTokens {
  if (options.secret.byteLength < 32)
    throw new RangeError('the conversation token secret needs at least 32 bytes');
  const secret = Buffer.from(options.secret);
  const now = options.now ?? Date.now;
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest();
  const refuse = (why: string) =>
    new WebChannelError(
      'invalid_conversation_token',
      `the conversation token ${why}; start a new conversation`,
    );

  return {
    sign(claims) {
      const expiresAt = now() + options.ttlMs;
      const payload = { c: claims.conversationId, u: claims.userId, v: claims.verified, e: expiresAt };
      const body = `${prefix}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      return { token: `${body}.${mac(body).toString('base64url')}`, expiresAt };
    },
    verify(token) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== prefix) throw refuse('is malformed');
      const body = `${parts[0]}.${parts[1]}`;
      const given = decodeCanonical(parts[2]!);
      const claims = decodeCanonical(parts[1]!);
      if (!given || !claims) throw refuse('is malformed');
      const expected = mac(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw refuse('has a bad signature');
      let payload: { c?: unknown; u?: unknown; v?: unknown; e?: unknown };
      try {
        payload = JSON.parse(claims.toString('utf8'));
      } catch {
        throw refuse('is malformed');
      }
      const { c, u, v, e } = payload;
      if (typeof c !== 'string' || typeof u !== 'string' || typeof v !== 'boolean' || typeof e !== 'number')
        throw refuse('is malformed');
      if (e <= now()) throw refuse('has expired');
      return { conversationId: c, userId: u, verified: v, expiresAt: e };
    },
  };
}
