import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createUserTokenVerifier } from '../../../channels/web/user-token-verifier.ts';

const secret = 'host-site-shared-secret-with-32-chars+';
const hs256 = (
  claims: Record<string, unknown>,
  build: (jwt: SignJWT) => SignJWT = (j) => j.setSubject('u-1').setExpirationTime('5m'),
) => build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' })).sign(new TextEncoder().encode(secret));

describe('user token verifier', () => {
  it('turns a valid HS256 token into a verified user', async () => {
    const verify = createUserTokenVerifier({ secret });
    expect(await verify(await hs256({ name: 'Maria', email: 'maria@example.com' }))).toEqual({
      id: 'u-1',
      verified: true,
      name: 'Maria',
      email: 'maria@example.com',
    });
  });

  it('drops an e-mail the host marks unverified', async () => {
    const verify = createUserTokenVerifier({ secret });
    expect(await verify(await hs256({ email: 'x@example.com', email_verified: false }))).toEqual({
      id: 'u-1',
      verified: true,
    });
  });

  it('refuses tokens without exp or sub, expired, or for another issuer', async () => {
    const verify = createUserTokenVerifier({ secret, issuer: 'https://shop.example.com' });
    const refused = expect.objectContaining({ name: 'WebChannelError', code: 'invalid_user_token' });
    await expect(
      verify(await hs256({}, (j) => j.setSubject('u').setIssuer('https://shop.example.com'))),
    ).rejects.toEqual(refused);
    await expect(
      verify(await hs256({}, (j) => j.setExpirationTime('5m').setIssuer('https://shop.example.com'))),
    ).rejects.toEqual(refused);
    await expect(
      verify(
        await hs256({}, (j) =>
          j.setSubject('u').setExpirationTime(1000).setIssuer('https://shop.example.com'),
        ),
      ),
    ).rejects.toThrow(/expired/);
    await expect(
      verify(
        await hs256({}, (j) => j.setSubject('u').setExpirationTime('5m').setIssuer('https://evil.example')),
      ),
    ).rejects.toEqual(refused);
  });

  it('verifies RS256 and EdDSA tokens with a PEM public key and refuses an HS256 token made with that key', async () => {
    for (const [type, alg] of [
      ['rsa', 'RS256'],
      ['ed25519', 'EdDSA'],
    ] as const) {
      const { publicKey, privateKey } =
        type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
      const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const verify = createUserTokenVerifier({ publicKey: pem });
      const token = await new SignJWT({ email: 'a@example.com' })
        .setProtectedHeader({ alg })
        .setSubject('u-2')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect(await verify(token)).toMatchObject({ id: 'u-2', verified: true, email: 'a@example.com' });
      // Algorithm confusion: the public key's bytes used as an HMAC secret.
      const confused = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-2')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(pem));
      await expect(verify(confused)).rejects.toMatchObject({ code: 'invalid_user_token' });
    }
  });

  it('needs exactly one key, and a long enough secret', () => {
    expect(() => createUserTokenVerifier({})).toThrow(RangeError);
    expect(() => createUserTokenVerifier({ secret: 'short' })).toThrow(/32 characters/);
  });
});
