import { createRequire } from 'node:module';
import type { BenchSystem } from './bench-system.ts';

interface NlpJsResult {
  intent: string;
  score: number;
  classifications?: Array<{ intent: string; score: number }>;
}

interface NlpJsManager {
  addDocument(locale: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, text: string): Promise<NlpJsResult>;
}

interface NodeNlpModule {
  NlpManager: new (settings: object) => NlpJsManager;
}

/**
 * NLP.js (`node-nlp`, a dev dependency) with its defaults: an English `NlpManager`, logging and
 * saving off. Its `'None'` answer (it found no intent) scores 0.
 */
export const nlpjsBenchSystem: BenchSystem = {
  key: 'nlpjs',
  async train(examples) {
    const { NlpManager } = createRequire(import.meta.url)('node-nlp') as NodeNlpModule;
    const manager = new NlpManager({ languages: ['en'], nlu: { log: false }, autoSave: false });
    for (const { text, intent } of examples) manager.addDocument('en', text, intent);
    await manager.train();
    return {
      async predict(text) {
        const result = await manager.process('en', text);
        const top = result.classifications?.[0]?.intent ?? result.intent;
        return { top, score: result.intent === 'None' ? 0 : result.score };
      },
    };
  },
};
