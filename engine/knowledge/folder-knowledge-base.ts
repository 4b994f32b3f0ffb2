import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../../core/contracts/errors/config-error.ts';
import { type ChunkDocumentOptions, chunkDocument, defaultChunkDocumentOptions } from './chunk-document.ts';
import type { KnowledgeBase, KnowledgeHit, KnowledgeRefreshResult } from './knowledge-base.ts';
import type { KnowledgeChunk } from './knowledge-chunk.ts';
import { createKnowledgeIndex, type KnowledgeIndexOptions } from './knowledge-index.ts';
import {
  type IndexedDocument,
  readKnowledgeIndexFile,
  writeKnowledgeIndexFile,
} from './knowledge-index-file.ts';
import { knowledgeSettingsKey } from './knowledge-settings-key.ts';
import { createHybridRetriever } from './hybrid-retriever.ts';
import type { HybridSearchOptions } from './hybrid-search.ts';
import type { SentenceEncoder } from './sentence-encoder.ts';
import { syncFolderIndex } from './sync-folder-index.ts';
import { type FolderWatch, type FolderWatcher, watchFolderWithFs } from './watch-folder.ts';
import { withDefaults } from './with-defaults.ts';

/** Options of {@link createFolderKnowledgeBase}. */
export interface FolderKnowledgeBaseOptions {
  /** The folder of documents (.md, .markdown, .html, .htm, .txt; subfolders included). Must exist. */
  dir: string;
  /** Where the index is kept between runs (JSON), e.g. `.parley/cache/knowledge-index.json`. Default: memory only. */
  indexFile?: string;
  /** Re-index when files in `dir` change (debounced). Default false: call `refresh()`. */
  watch?: boolean;
  /** Quiet time after the last file change before re-indexing, in milliseconds. Default 300. */
  watchDebounceMs?: number;
  /** How the folder is watched. Default `watchFolderWithFs` (recursive `fs.watch`). */
  watchFolder?: FolderWatcher;
  /** Longest chunk in characters. Default 1000. */
  maxChunkChars?: number;
  /** Cuts a document into chunks. Default `chunkDocument`. */
  chunker?: (options: ChunkDocumentOptions) => KnowledgeChunk[];
  /** Analyzer, scoring and relevance settings; defaults `defaultKnowledgeIndexOptions`. */
  index?: Partial<KnowledgeIndexOptions>;
  /**
   * The sentence encoder of hybrid search (keywords and meaning, fused). Default: SIF-weighted GloVe, shipped;
   * an ONNX sentence encoder of your own with `createOnnxSentenceEncoder`; `null` for keyword search alone.
   */
  encoder?: SentenceEncoder | null;
  /** Fusion and agreement settings of hybrid search; defaults `defaultHybridSearchOptions`. */
  hybrid?: Partial<HybridSearchOptions>;
  /** Called after every refresh, the first one included (e.g. to log what was indexed). */
  onRefresh?: (result: KnowledgeRefreshResult) => void;
  /**
   * Called when a refresh started by the watcher fails, and with a `KnowledgeIndexError` when the
   * index file cannot be written (the search keeps working). Default: a process warning.
   */
  onError?: (error: unknown) => void;
}

/** Defaults of {@link FolderKnowledgeBaseOptions}. */
export const defaultFolderKnowledgeBaseOptions = {
  watch: false,
  watchDebounceMs: 300,
  watchFolder: watchFolderWithFs,
  maxChunkChars: defaultChunkDocumentOptions.maxChunkChars,
  chunker: chunkDocument,
  onError: (error: unknown) => process.emitWarning(error instanceof Error ? error : String(error)),
} as const;

/** A knowledge base over a folder, with what it holds. */
export interface FolderKnowledgeBase extends KnowledgeBase {
  /** The folder, absolute. */
  readonly dir: string;
  /** Documents indexed, relative paths, sorted. */
  files(): string[];
  /** Chunks indexed. */
  readonly chunkCount: number;
}

/**
 * Indexes a folder of Markdown, HTML and plain-text documents for hybrid search (BM25 with minisearch, English
 * stemming and synonyms, fused with a sentence encoder's ranking), keeps the index in `indexFile` so that a restart indexes only what changed,
 * and updates it on `refresh()` or, with `watch`, when files change. Resolves once the folder is indexed.
 *
 * @example
 * const kb = await createFolderKnowledgeBase({ dir: 'examples/acme/knowledge', indexFile: '.parley/cache/kb.json' });
 * const hits = await kb.search('how much does a return cost?');
 * // hits[0]: { file: 'returns-and-refunds.md', headingPath: [..., 'Return shipping cost'], relevant: true, ... }
 */
export async function createFolderKnowledgeBase(
  options: FolderKnowledgeBaseOptions,
): Promise<FolderKnowledgeBase> {
  const settings = withDefaults(defaultFolderKnowledgeBaseOptions, options);
  const dir = resolve(settings.dir);
  const isFolder = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new ConfigError('knowledge dir', 'an existing folder of documents', settings.dir);

  const settingsKey = knowledgeSettingsKey({
    maxChunkChars: settings.maxChunkChars,
    analyzer: settings.index?.analyzer,
  });
  const saved = settings.indexFile
    ? await readKnowledgeIndexFile(settings.indexFile, settingsKey)
    : undefined;
  const index = createKnowledgeIndex(settings.index, saved?.index);
  const retriever = createHybridRetriever({
    index,
    ...(options.encoder !== undefined ? { encoder: options.encoder } : {}),
    ...(options.hybrid ? { hybrid: options.hybrid } : {}),
    ...(saved?.dense ? { serialized: saved.dense } : {}),
  });
  const documents = new Map<string, IndexedDocument>(Object.entries(saved?.documents ?? {}));
  let unsaved = saved === undefined;

  const update = async (): Promise<KnowledgeRefreshResult> => {
    const { chunker, maxChunkChars } = settings;
    const { result, manifestChanged } = await syncFolderIndex({
      dir,
      index,
      documents,
      chunker,
      maxChunkChars,
    });
    const embedded = await retriever.sync();
    unsaved ||= manifestChanged || embedded > 0;
    if (unsaved && settings.indexFile) {
      // The index in memory is up to date either way: a cache that cannot be written is reported and
      // tried again at the next refresh, and does not stop the bot from answering.
      try {
        await writeKnowledgeIndexFile(settings.indexFile, {
          format: 'parley-knowledge-index',
          settingsKey,
          documents: Object.fromEntries(documents),
          index: index.toJSON(),
          ...(retriever.toJSON() ? { dense: retriever.toJSON() } : {}),
        });
        unsaved = false;
      } catch (error) {
        settings.onError(error);
      }
    }
    settings.onRefresh?.(result);
    return result;
  };

  // Refreshes run one at a time, in order; `idle` settles when the last one has (never rejects).
  let idle: Promise<unknown> = Promise.resolve();
  const refresh = () => {
    const run = idle.then(update);
    idle = run.catch(() => undefined);
    return run;
  };
  await refresh();

  let watcher: FolderWatch | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (settings.watch) {
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => refresh().catch(settings.onError), settings.watchDebounceMs);
      timer.unref?.();
    };
    watcher = settings.watchFolder(dir, onChange, settings.onError);
  }

  return {
    provider: 'parley-folder',
    dir,
    files: () => index.files(),
    get chunkCount() {
      return index.chunkCount;
    },
    async search(query: string, k = 5): Promise<KnowledgeHit[]> {
      await idle;
      return retriever.search(query, k);
    },
    refresh,
    async close() {
      clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
      await idle;
    },
  };
}
