import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as parley from '../../index.ts';
import * as testing from '../../testing.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every `index.ts` of the package's entry points and layer folders. */
function indexFiles(): string[] {
  const found = ['index.ts', 'testing.ts'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') walk(path);
      else if (entry.name === 'index.ts') found.push(relative(root, join(root, path)));
    }
  };
  for (const folder of ['core', 'channels', 'engine', 'skills', 'web-client']) walk(folder);
  return found;
}

describe('public API', () => {
  it('every index names its exports by hand', () => {
    const starred = indexFiles().filter((file) => /^export \*/m.test(readFileSync(join(root, file), 'utf8')));
    expect(starred).toEqual([]);
  });

  it('the main entry offers what bots, channels and providers are built from', () => {
    for (const name of [
      'createBot',
      'loadBotDirectory',
      'defineBot',
      'defineSkill',
      'defineCommand',
      'builtinSkills',
      'createSqliteStore',
      'createMemoryStore',
      'createRedisStore',
      'createWebChannel',
      'createRestChannel',
      'createParleyServer',
      'createOnnxLanguageModel',
      'createLinearIntentTrainer',
      'createFolderKnowledgeBase',
      'selectAnswerPassage',
      'transcriptLimits',
      'ParleyError',
      'StoreUnavailableError',
      'isStoreUnavailable',
      'LeaseLostError',
      'createPocketsphinxSpeechToText',
      'createEspeakTextToSpeech',
      'createOpenAISpeechToText',
      'createOpenAITextToSpeech',
      'defaultVoiceLimits',
      'transcribe',
    ]) {
      expect(parley, name).toHaveProperty(name);
    }
  });

  it('the main entry keeps the turn core, training tooling and test helpers to itself', () => {
    for (const name of [
      'interpretTurn',
      'restoreDialogue',
      'createTurnQueue',
      'createCommandExecutor',
      'createDialogueMachine',
      'createSkillRegistry',
      'createProgressBar',
      'tokenizeUtterance',
      'createSeededRandom',
      'scriptConversation',
    ]) {
      expect(parley, name).not.toHaveProperty(name);
    }
  });

  it('test helpers are in parley/testing', () => {
    expect(testing.scriptConversation).toBeTypeOf('function');
  });
});
