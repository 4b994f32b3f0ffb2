/**
 * parley's layer rules (DESIGN.md, "Layers"), checked by `npm run lint:layers` and
 * test/architecture/layers.test.ts.
 *
 * Every path may start with `test/fixtures/layer-violation/`: that folder is a miniature tree with the same
 * folder names, holding imports these rules must reject, so the test can show that they fire.
 */

/** An optional fixture prefix, then the project folder. */
const at = (folder) => `^(?:test/fixtures/layer-violation/)?${folder}`;

const contracts = at('core/contracts/');
const project = at('(?:core|channels|engine|skills|web-client)/');
const rootEntries = at('(?:index|testing)\\.ts$');

/** Training tooling and the terminal progress bar: never on the turn path. */
const trainingTooling = [
  at('core/training/'),
  at('engine/llm/training/'),
  at('engine/nlu/progress-bar\\.ts$'),
  at('channels/cli/progress-bar\\.ts$'),
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'contracts-import-nothing',
      comment:
        'core/contracts holds the shared types and the ParleyError family; it imports nothing else of parley.',
      severity: 'error',
      from: { path: contracts },
      to: { path: [project, rootEntries], pathNot: contracts },
    },
    {
      name: 'engine-imports-no-upper-layer',
      comment: 'engine (models) imports nothing of core (but its contracts), skills, channels or web-client.',
      severity: 'error',
      from: { path: at('engine/') },
      to: { path: [at('(?:core|skills|channels|web-client)/'), rootEntries], pathNot: contracts },
    },
    {
      name: 'skills-import-contracts-and-engine',
      comment: 'skills import core/contracts and engine only.',
      severity: 'error',
      from: { path: at('skills/') },
      to: { path: [at('(?:core|channels|web-client)/'), rootEntries], pathNot: contracts },
    },
    {
      name: 'core-imports-no-channel',
      comment: 'core imports engine and skills, never channels or the web client.',
      severity: 'error',
      from: { path: at('core/') },
      to: { path: [at('(?:channels|web-client)/'), rootEntries] },
    },
    {
      name: 'channels-import-no-web-client',
      comment:
        'channels import core, skills and engine; the widget is served as a built file, never imported.',
      severity: 'error',
      from: { path: at('channels/') },
      to: { path: [at('web-client/'), rootEntries] },
    },
    {
      name: 'web-client-imports-contracts-and-protocol',
      comment: "the browser widget imports core/contracts and the web channel's protocol only.",
      severity: 'error',
      from: { path: at('web-client/') },
      to: {
        path: [at('(?:core|channels|engine|skills)/'), rootEntries],
        pathNot: [contracts, at('channels/web/protocol\\.ts$')],
      },
    },
    {
      name: 'web-protocol-imports-contracts-only',
      comment:
        "the web channel's protocol is imported by the browser widget, so it imports core/contracts only.",
      severity: 'error',
      from: { path: at('channels/web/protocol\\.ts$') },
      to: { path: [project, rootEntries], pathNot: contracts },
    },
    {
      name: 'no-training-on-turn-path',
      comment:
        'training tooling and the terminal progress bar stay off the turn path: nothing createBot reaches imports them.',
      severity: 'error',
      from: { path: at('core/create-bot\\.ts$') },
      to: { path: trainingTooling, reachable: true },
    },
  ],
  options: {
    exclude: { path: '^(?:node_modules|test|docs|models|examples|bin)/|/dist/' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer may not even name the types of a layer above it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
