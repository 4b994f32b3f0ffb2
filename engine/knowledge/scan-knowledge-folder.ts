import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { documentFormatOf } from './chunk-document.ts';

/** A document file found in a knowledge folder. */
export interface ScannedDocument {
  /** Path relative to the folder, `/`-separated. */
  file: string;
  /** Absolute path. */
  path: string;
  /** Size in bytes. */
  size: number;
  /** Last modification, milliseconds since the epoch. */
  mtimeMs: number;
}

const skippedDirectories = new Set(['node_modules']);

/**
 * Lists the documents of a knowledge folder and its subfolders (Markdown, HTML, plain text), sorted
 * by path. Hidden files and folders (".git", ".parley") and `node_modules` are skipped; a file that
 * disappears while the folder is read is simply not listed.
 */
export async function scanKnowledgeFolder(dir: string): Promise<ScannedDocument[]> {
  const found: ScannedDocument[] = [];
  const visit = async (folder: string) => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && folder !== dir) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!skippedDirectories.has(entry.name)) await visit(path);
        continue;
      }
      if (documentFormatOf(entry.name) === undefined) continue;
      try {
        const info = await stat(path);
        if (!info.isFile()) continue;
        found.push({
          file: relative(dir, path).split(sep).join('/'),
          path,
          size: info.size,
          mtimeMs: info.mtimeMs,
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  };
  await visit(dir);
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
