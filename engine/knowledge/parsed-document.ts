/** A paragraph, list, table or code block of a document, as plain text, under its headings. */
export interface DocumentBlock {
  /** Headings above the block, outermost first. */
  headingPath: string[];
  /** Plain text; lines of lists and table rows are separated by `\n`. */
  text: string;
  /** Source offset of the block's first character (UTF-16 code units). */
  start: number;
  /** Source offset just past the block's last character. */
  end: number;
}

/** A document read into blocks by one of the format parsers, before it is cut into chunks. */
export interface ParsedDocument {
  /** The title the document gives itself (first `#` heading, `<title>` or `<h1>`), if any. */
  title: string | undefined;
  blocks: DocumentBlock[];
}
