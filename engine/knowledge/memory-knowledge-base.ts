import { chunkDocument } from './chunk-document.ts';
import type { KnowledgeBase, KnowledgeHit, KnowledgeRefreshResult } from './knowledge-base.ts';
import { createKnowledgeIndex, type KnowledgeIndexOptions } from './knowledge-index.ts';

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
}

/**
 * A knowledge base over documents held in memory (generated, fetched, or in tests): the same
 * chunking, search and relevance as the folder knowledge base, without files.
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
  return {
    provider: 'parley-memory',
    search: async (query: string, k = 5): Promise<KnowledgeHit[]> => index.search(query, k),
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
