import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The project's layered folders (DESIGN.md, "Layers"); `npm run lint:layers` cruises the same. */
const layerFolders = ['core', 'channels', 'engine', 'skills', 'web-client'];
const fixture = 'test/fixtures/layer-violation';

async function cruiseLayers(
  folders: string[],
  overrides: Partial<ICruiseOptions> = {},
): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(`${root}.dependency-cruiser.cjs`);
  const tsConfig = extractTSConfig(`${root}tsconfig.json`);
  const { output } = await cruise(folders, { ...options, baseDir: root, ...overrides }, {}, { tsConfig });
  return (typeof output === 'string' ? JSON.parse(output) : output) as ICruiseResult;
}

function describeViolation(v: IViolation): string {
  const via = v.via?.length ? ` (via ${v.via.map((d) => d.name).join(' → ')})` : '';
  return `${v.rule.name}: ${v.from} → ${v.to}${via}`;
}

describe('layers', () => {
  it('core, channels, engine, skills and web-client import only what their layer allows', async () => {
    const result = await cruiseLayers(layerFolders);
    // Every folder was read and its imports resolved, so no violation was missed for want of a path.
    const sources = result.modules.map((m) => m.source);
    for (const folder of layerFolders)
      expect(
        sources.some((s) => s.startsWith(`${folder}/`)),
        folder,
      ).toBe(true);
    const unresolved = result.modules.flatMap((m) =>
      m.dependencies.filter((d) => d.couldNotResolve).map((d) => `${m.source} → ${d.module}`),
    );
    expect(unresolved).toEqual([]);
    const violations = result.summary.violations.map(describeViolation);
    expect(violations, `layer violations:\n${violations.join('\n')}`).toEqual([]);
  });

  it('the rules reject each forbidden import of a fixture tree laid out like the project, and only those', async () => {
    // The config excludes test/; this cruise starts inside it on purpose.
    const { violations } = (await cruiseLayers([fixture], { exclude: { path: '^node_modules/' } })).summary;
    const at = (path: string) => `${fixture}/${path}`;
    expect(violations.map((v) => [v.rule.name, v.from, v.to]).sort()).toEqual(
      [
        ['channels-import-no-web-client', at('channels/cli.ts'), at('web-client/widget.ts')],
        ['contracts-import-nothing', at('core/contracts/turn.ts'), at('core/bot.ts')],
        ['core-imports-no-channel', at('core/bot.ts'), at('channels/cli.ts')],
        ['engine-imports-no-upper-layer', at('engine/classify.ts'), at('core/bot.ts')],
        ['no-training-on-turn-path', at('core/create-bot.ts'), at('core/training/corpus.ts')],
        ['skills-import-contracts-and-engine', at('skills/skill.ts'), at('core/create-bot.ts')],
        ['web-client-imports-contracts-and-protocol', at('web-client/widget.ts'), at('engine/classify.ts')],
        ['web-protocol-imports-contracts-only', at('channels/web/protocol.ts'), at('engine/classify.ts')],
      ].sort(),
    );
    expect(violations.every((v) => v.rule.severity === 'error')).toBe(true);
  });
});
