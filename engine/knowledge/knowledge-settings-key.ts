import { createHash } from 'node:crypto';
import { defaultKnowledgeAnalyzerOptions, type KnowledgeAnalyzerOptions } from './knowledge-analyzer.ts';

/** Bumped whenever tokenising, stemming or chunking changes, so that saved indexes are rebuilt. */
const knowledgeIndexVersion = 3;

/** What decides how documents are indexed (synonyms and scoring apply to questions only). */
export interface KnowledgeSettings {
  maxChunkChars: number;
  analyzer?: Partial<KnowledgeAnalyzerOptions>;
}

/** A short hash of the settings that shape a saved index: an index saved under another key is rebuilt. */
export function knowledgeSettingsKey(settings: KnowledgeSettings): string {
  const stopWords = [...(settings.analyzer?.stopWords ?? defaultKnowledgeAnalyzerOptions.stopWords)].sort();
  const key = JSON.stringify({
    version: knowledgeIndexVersion,
    maxChunkChars: settings.maxChunkChars,
    stopWords,
  });
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
