import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWebSecret } from '../../../channels/web/web-secrets.ts';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'parley-secrets-')), 'data');

describe('web secret', () => {
  it('is generated on first start into <dataDir>/secrets.json with mode 0600, and kept', async () => {
    const dataDir = fresh();
    const first = await loadWebSecret({ dataDir, env: {} });
    expect(first.byteLength).toBe(32);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).webTokenSecret).toBe(
      Buffer.from(first).toString('base64url'),
    );
    expect(Buffer.from(await loadWebSecret({ dataDir, env: {} }))).toEqual(Buffer.from(first));
  });

  it('keeps other entries of the file when it adds its own', async () => {
    const dataDir = fresh();
    await loadWebSecret({ dataDir, env: {} });
    const file = join(dataDir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ other: 'x' }));
    await loadWebSecret({ dataDir, env: {} });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      other: 'x',
      webTokenSecret: expect.any(String),
    });
  });

  it('takes PARLEY_WEB_SECRET when set, and refuses a short one', async () => {
    const value = 'an-operator-chosen-secret-of-32+chars';
    expect(
      Buffer.from(await loadWebSecret({ dataDir: fresh(), env: { PARLEY_WEB_SECRET: value } })).toString(),
    ).toBe(value);
    await expect(
      loadWebSecret({ dataDir: fresh(), env: { PARLEY_WEB_SECRET: 'short' } }),
    ).rejects.toMatchObject({ name: 'ConfigError', message: /PARLEY_WEB_SECRET/ });
  });

  it('reports a file that is not JSON', async () => {
    const dataDir = fresh();
    await loadWebSecret({ dataDir, env: {} });
    writeFileSync(join(dataDir, 'secrets.json'), 'not json');
    await expect(loadWebSecret({ dataDir, env: {} })).rejects.toMatchObject({ name: 'ConfigError' });
  });
});
