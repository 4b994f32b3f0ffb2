import { extname, posix } from 'node:path';
import type { KnowledgeChunk } from './knowledge-chunk.ts';
import { packChunks } from './pack-chunks.ts';
import { parseHtml } from './parse-html.ts';
import { parseMarkdown } from './parse-markdown.ts';
import { parsePlainText } from './parse-plain-text.ts';
import type { ParsedDocument } from './parsed-document.ts';
import { withDefaults } from './with-defaults.ts';

/** How a document's text is read. */
export type DocumentFormat = 'markdown' | 'html' | 'text';

/** File extensions a knowledge folder indexes (lower case, with the dot), and their formats. */
export const knowledgeFileFormats: Readonly<Record<string, DocumentFormat>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
};

/** The format of a file from its extension, or `undefined` for files a knowledge base skips. */
export function documentFormatOf(file: string): DocumentFormat | undefined {
  return knowledgeFileFormats[extname(file).toLowerCase()];
}

/** One document to cut into chunks. */
export interface ChunkDocumentOptions {
  /** Path relative to the knowledge folder, `/`-separated; it names the chunks and the citation. */
  file: string;
  /** The document's text. A leading byte-order mark is ignored. */
  content: string;
  /** How to read it. Default: from the file's extension, plain text when unknown. */
  format?: DocumentFormat;
  /** Longest chunk in characters. Default 1000 (see `defaultChunkDocumentOptions`). */
  maxChunkChars?: number;
}

/** Defaults of {@link ChunkDocumentOptions}. */
export const defaultChunkDocumentOptions = {
  maxChunkChars: 1000,
} as const;

const parsers: Readonly<Record<DocumentFormat, (source: string) => ParsedDocument>> = {
  markdown: parseMarkdown,
  html: parseHtml,
  text: parsePlainText,
};

/** "returns-and-refunds.md" → "Returns and refunds". */
function titleFromFileName(file: string): string {
  const name = posix.basename(file, posix.extname(file)).replace(/[-_]+/g, ' ').trim();
  return name === '' ? file : name[0]!.toUpperCase() + name.slice(1);
}

/**
 * Cuts a Markdown, HTML or plain-text document into chunks that follow its headings: one chunk per
 * section (text under the same heading path), long sections cut at paragraph, then sentence ends.
 *
 * @example
 * chunkDocument({ file: 'returns.md', content: '# Returns\n## Window\nWithin 30 days.' })
 * // [{ id: 'returns.md#0', title: 'Returns', headingPath: ['Returns', 'Window'], text: 'Within 30 days.', ... }]
 */
export function chunkDocument(options: ChunkDocumentOptions): KnowledgeChunk[] {
  const { file, maxChunkChars } = withDefaults(defaultChunkDocumentOptions, options);
  const content = options.content.replace(/^\uFEFF/, '');
  const format = options.format ?? documentFormatOf(file) ?? 'text';
  const parsed = parsers[format](content);
  const title = parsed.title ?? titleFromFileName(file);
  return packChunks({ file, title, blocks: parsed.blocks, maxChunkChars });
}
