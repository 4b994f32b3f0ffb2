import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KnowledgeIndexError } from './knowledge-index-error.ts';
import type { SerializedDenseIndex } from './dense-index.ts';
import type { SerializedKnowledgeIndex } from './knowledge-index.ts';

/** What the index file remembers of one document, to tell whether it changed. */
export interface IndexedDocument {
  /** Size in bytes when it was indexed. */
  size: number;
  /** Modification time when it was indexed, milliseconds since the epoch. */
  mtimeMs: number;
  /** SHA-256 of the content, hex: a touched but unchanged file is not indexed again. */
  sha256: string;
}

/** The on-disk form of a folder knowledge base: the index, and the manifest of indexed documents. */
export interface KnowledgeIndexFile {
  format: 'parley-knowledge-index';
  /** Identifies what the index was built with (format, analyzer, chunking); another key means rebuild. */
  settingsKey: string;
  documents: Record<string, IndexedDocument>;
  index: SerializedKnowledgeIndex;
  /** Passage vectors of hybrid search (absent for keyword search alone). */
  dense?: SerializedDenseIndex;
}

/** SHA-256 of a text, hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads an index file. `undefined` when there is none, when it is unreadable or damaged, or when it
 * was built with other settings: the index is a cache, and the documents are indexed again.
 */
export async function readKnowledgeIndexFile(
  path: string,
  settingsKey: string,
): Promise<KnowledgeIndexFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<KnowledgeIndexFile>;
    const valid =
      parsed.format === 'parley-knowledge-index' &&
      parsed.settingsKey === settingsKey &&
      typeof parsed.documents === 'object' &&
      parsed.documents !== null &&
      Array.isArray(parsed.index?.chunks) &&
      typeof parsed.index?.search === 'object';
    return valid ? (parsed as KnowledgeIndexFile) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes an index file atomically (a temporary file renamed over the old one), creating its folder.
 * Throws `KnowledgeIndexError` when it cannot.
 */
export async function writeKnowledgeIndexFile(path: string, file: KnowledgeIndexFile): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, JSON.stringify(file));
    await rename(temporary, path);
  } catch (error) {
    throw new KnowledgeIndexError(path, error);
  }
}
