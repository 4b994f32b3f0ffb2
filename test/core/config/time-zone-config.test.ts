import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../core/config/load-config.ts';

const botDir = () => mkdtempSync(join(tmpdir(), 'parley-config-'));

describe('loadConfig: timeZone', () => {
  it('is UTC by default, read from the config file, and PARLEY_TIME_ZONE wins', async () => {
    expect((await loadConfig(botDir(), {})).timeZone).toBe('UTC');
    const dir = botDir();
    writeFileSync(join(dir, 'parley.config.json'), JSON.stringify({ timeZone: 'Europe/Madrid' }));
    expect((await loadConfig(dir, {})).timeZone).toBe('Europe/Madrid');
    expect((await loadConfig(dir, { PARLEY_TIME_ZONE: 'America/Mexico_City' })).timeZone).toBe('America/Mexico_City');
  });

  it('refuses a zone the runtime does not know, naming the variable', async () => {
    await expect(loadConfig(botDir(), { PARLEY_TIME_ZONE: 'Mars/Olympus_Mons' })).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/IANA time zone.*PARLEY_TIME_ZONE/),
    });
  });
});
