import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createConversationTokens } from '../../../channels/web/conversation-token.ts';

const secret = randomBytes(32);
const claims = { conversationId: 'web-1', userId: 'anon:1', verified: false };

describe('conversation tokens', () => {
  it('round-trips the claims with an expiry', () => {
    const tokens = createConversationTokens({ secret, ttlMs: 1000, now: () => 5000 });
    const { token, expiresAt } = tokens.sign(claims);
    expect(expiresAt).toBe(6000);
    expect(tokens.verify(token)).toEqual({ ...claims, expiresAt: 6000 });
  });

  it('refuses an expired token', () => {
    let clock = 0;
    const tokens = createConversationTokens({ secret, ttlMs: 1000, now: () => clock });
    const { token } = tokens.sign(claims);
    clock = 1000;
    expect(() => tokens.verify(token)).toThrow(
      expect.objectContaining({
        name: 'WebChannelError',
        code: 'invalid_conversation_token',
        message: expect.stringMatching(/expired/),
      }),
    );
  });

  it('refuses a token signed with another secret, or with changed claims', () => {
    const ours = createConversationTokens({ secret, ttlMs: 60_000 });
    const theirs = createConversationTokens({ secret: randomBytes(32), ttlMs: 60_000 });
    expect(() => ours.verify(theirs.sign(claims).token)).toThrow(/bad signature/);
    const [prefix, , signature] = ours.sign(claims).token.split('.');
    const changed = Buffer.from(
      JSON.stringify({ c: 'web-2', u: 'anon:1', v: false, e: Date.now() + 60_000 }),
    ).toString('base64url');
    expect(() => ours.verify(`${prefix}.${changed}.${signature}`)).toThrow(/bad signature/);
  });

  it('refuses malformed tokens', () => {
    const tokens = createConversationTokens({ secret, ttlMs: 60_000 });
    for (const bad of ['', 'x', 'pc1.a', 'jwt.a.b', 'pc1..'])
      expect(() => tokens.verify(bad)).toThrow(/conversation token/);
  });

  it('needs a 32-byte secret', () => {
    expect(() => createConversationTokens({ secret: randomBytes(16), ttlMs: 1 })).toThrow(RangeError);
  });
});
