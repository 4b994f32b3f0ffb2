import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../core/config/load-config.ts';

const botDir = () => mkdtempSync(join(tmpdir(), 'parley-config-'));

describe('loadConfig: redactPii', () => {
  it('is off by default, on from the config file, and the environment wins with true/false/1/0', async () => {
    expect((await loadConfig(botDir(), {})).redactPii).toBe(false);
    const dir = botDir();
    writeFileSync(join(dir, 'parley.config.json'), JSON.stringify({ redactPii: true }));
    expect((await loadConfig(dir, {})).redactPii).toBe(true);
    expect((await loadConfig(dir, { PARLEY_REDACT_PII: 'false' })).redactPii).toBe(false);
    expect((await loadConfig(botDir(), { PARLEY_REDACT_PII: '1' })).redactPii).toBe(true);
  });

  it('refuses a value that is not a boolean, naming the variable', async () => {
    await expect(loadConfig(botDir(), { PARLEY_REDACT_PII: 'yes please' })).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/PARLEY_REDACT_PII/),
    });
  });
});
