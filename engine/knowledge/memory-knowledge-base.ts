import { chunkDocument } from './chunk-document.ts';
import type { KnowledgeBase, KnowledgeHit, KnowledgeRefreshResult } from './knowledge-base.ts';
import { createHybridRetriever } from './hybrid-retriever.ts';
import type { HybridSearchOptions } from './hybrid-search.ts';
import { createKnowledgeIndex, type KnowledgeIndexOptions } from './knowledge-index.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';

/** A document given as text. */
export interface KnowledgeDocument {
  /** Its name in citations, e.g. "faq.md"; the extension picks the format (Markdown, HTML, text). */
  file: string;
  content: string;
}

/** Options of {@link createMemoryKnowledgeBase}. */
export interface MemoryKnowledgeBaseOptions {
  documents: readonly KnowledgeDocument[];
  /** Longest chunk in characters. Default 1000. */
  maxChunkChars?: number;
  /** Analyzer, scoring and relevance settings; defaults `defaultKnowledgeIndexOptions`. */
  index?: Partial<KnowledgeIndexOptions>;
  /** The sentence encoder of hybrid search. Default: SIF-weighted GloVe, shipped; `null` for keyword search alone. */
  encoder?: SentenceEncoder | null;
  /** Fusion and agreement settings of hybrid search; defaults `defaultHybridSearchOptions`. */
  hybrid?: Partial<HybridSearchOptions>;
}

/**
 * A knowledge base over documents held in memory (generated, fetched, or in tests): the same
 * chunking, hybrid search and relevance as the folder knowledge base, without files.
 *
 * @example
 * const kb = createMemoryKnowledgeBase({ documents: [{ file: 'faq.md', content: '# FAQ\n## Hours\nOpen 9 to 5.' }] });
 */
export function createMemoryKnowledgeBase(options: MemoryKnowledgeBaseOptions): KnowledgeBase {
  const index = createKnowledgeIndex(options.index);
  const files: string[] = [];
  for (const document of options.documents) {
    index.setDocument(document.file, chunkDocument({ ...document, maxChunkChars: options.maxChunkChars }));
    files.push(document.file);
  }
  const retriever = createHybridRetriever({
    index,
    ...(options.encoder !== undefined ? { encoder: options.encoder } : {}),
    ...(options.hybrid ? { hybrid: options.hybrid } : {}),
  });
  const ready = retriever.sync();
  ready.catch(() => undefined); // reported by the first search, not as an unhandled rejection
  return {
    provider: 'parley-memory',
    async search(query: string, k = 5): Promise<KnowledgeHit[]> {
      await ready;
      return retriever.search(query, k);
    },
    refresh: async (): Promise<KnowledgeRefreshResult> => ({
      added: [],
      changed: [],
      removed: [],
      unchanged: files.length,
      chunks: index.chunkCount,
    }),
    close: async () => {},
  };
}
