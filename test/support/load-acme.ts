import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadedBot, loadBotDirectory } from '../../core/load-bot-directory.ts';
import type { ConversationStore } from '../../core/contracts/conversation-store.ts';
import type { LanguageModel } from '../../engine/llm/language-model.ts';
import type { IntentClassifier } from '../../engine/nlu/intent-classifier.ts';

/** The Acme demo with a fresh data directory, an in-memory store and silent logs. */
export async function loadAcme(
  overrides: {
    store?: 'memory' | 'sqlite';
    dataDir?: string;
    conversationStore?: ConversationStore;
    model?: LanguageModel;
    classifier?: IntentClassifier;
    knowledge?: boolean;
  } = {},
): Promise<LoadedBot & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'parley-acme-'));
  const loaded = await loadBotDirectory('examples/acme', {
    env: {},
    overrides: { store: overrides.store ?? 'memory', dataDir, logLevel: 'silent' },
    ...(overrides.conversationStore ? { store: overrides.conversationStore } : {}),
    ...(overrides.model ? { model: overrides.model } : {}),
    ...(overrides.classifier ? { classifier: overrides.classifier } : {}),
    ...(overrides.knowledge === false ? { knowledge: false } : {}),
  });
  return { ...loaded, dataDir };
}
