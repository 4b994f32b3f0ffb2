import { readFile } from 'node:fs/promises';
import type { ChunkDocumentOptions } from './chunk-document.ts';
import type { KnowledgeRefreshResult } from './knowledge-base.ts';
import type { KnowledgeChunk } from './knowledge-chunk.ts';
import { KnowledgeDocumentError } from './knowledge-document-error.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import { type IndexedDocument, sha256 } from './knowledge-index-file.ts';
import { type ScannedDocument, scanKnowledgeFolder } from './scan-knowledge-folder.ts';

/** What {@link syncFolderIndex} brings up to date. */
export interface SyncFolderIndexInput {
  /** The knowledge folder, absolute. */
  dir: string;
  index: KnowledgeIndex;
  /** The manifest of indexed documents, by relative path; updated in place. */
  documents: Map<string, IndexedDocument>;
  chunker: (options: ChunkDocumentOptions) => KnowledgeChunk[];
  maxChunkChars: number;
}

/** What changed, and whether the manifest did (so the index file must be written). */
export interface SyncFolderIndexOutput {
  result: KnowledgeRefreshResult;
  manifestChanged: boolean;
}

async function readDocument(doc: ScannedDocument): Promise<string | undefined> {
  try {
    return await readFile(doc.path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KnowledgeDocumentError(doc.file, error);
  }
}

/**
 * Updates an index to match its folder: a document with the size and time it was indexed with is
 * kept; any other is read and hashed, and indexed again only when its content differs; documents
 * gone from the folder are dropped. Throws `KnowledgeDocumentError` for a document it cannot read.
 */
export async function syncFolderIndex(input: SyncFolderIndexInput): Promise<SyncFolderIndexOutput> {
  const { dir, index, documents, chunker, maxChunkChars } = input;
  const result: KnowledgeRefreshResult = { added: [], changed: [], removed: [], unchanged: 0, chunks: 0 };
  let manifestChanged = false;
  const seen = new Set<string>();
  for (const doc of await scanKnowledgeFolder(dir)) {
    const known = documents.get(doc.file);
    const content =
      known && known.size === doc.size && known.mtimeMs === doc.mtimeMs ? null : await readDocument(doc);
    if (content === undefined) continue; // gone since the folder was listed
    seen.add(doc.file);
    if (content === null) {
      result.unchanged++;
      continue;
    }
    const hash = sha256(content);
    documents.set(doc.file, { size: doc.size, mtimeMs: doc.mtimeMs, sha256: hash });
    manifestChanged = true;
    if (known?.sha256 === hash) {
      result.unchanged++;
      continue;
    }
    index.setDocument(doc.file, chunker({ file: doc.file, content, maxChunkChars }));
    (known ? result.changed : result.added).push(doc.file);
  }
  for (const file of [...documents.keys()]) {
    if (seen.has(file)) continue;
    index.removeDocument(file);
    documents.delete(file);
    result.removed.push(file);
    manifestChanged = true;
  }
  result.chunks = index.chunkCount;
  return { result, manifestChanged };
}
