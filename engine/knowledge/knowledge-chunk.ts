/** One searchable passage of a knowledge document: a section, or a piece of a long one. */
export interface KnowledgeChunk {
  /** Stable while the document is unchanged: `<file>#<n>`, n counting from 0 in document order. */
  id: string;
  /** Path of the document relative to the knowledge folder, with `/` separators (e.g. "returns.md"). */
  file: string;
  /** The document's title: its first top-level heading, its HTML `<title>`, or the file name. */
  title: string;
  /** Headings above the passage, outermost first (e.g. `['Returns and refunds', 'Return window']`). */
  headingPath: string[];
  /** The passage as plain text: markup and tags removed, entities decoded, table rows as sentences. */
  text: string;
  /** Offset of the passage's first source character in the document, in UTF-16 code units. */
  start: number;
  /** Offset just past the passage's last source character in the document. */
  end: number;
}
