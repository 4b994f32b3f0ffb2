import { markdownInlineText } from './markdown-inline-text.ts';
import { createHeadingTracker } from './heading-tracker.ts';
import type { DocumentBlock, ParsedDocument } from './parsed-document.ts';
import { tableRowsToText } from './table-rows-to-text.ts';

type BlockKind = 'paragraph' | 'list' | 'table' | 'code';

interface OpenBlock {
  kind: BlockKind;
  lines: string[];
  start: number;
  end: number;
}

const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const setextUnderline = /^ {0,3}(=+|-+)[ \t]*$/;
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const fence = /^ {0,3}(`{3,}|~{3,})/;
const listItem = /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const tableSeparator = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const blockquote = /^[ \t]{0,3}>[ \t]?/;
const frontMatter = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const htmlComment = /<!--[\s\S]*?-->/g;

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => markdownInlineText(cell.replace(/\\\|/g, '|')));
}

function blockText(block: OpenBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return markdownInlineText(block.lines.join(' '));
    case 'list':
      return block.lines.map(markdownInlineText).join('\n');
    case 'table':
      return tableRowsToText(block.lines.filter((line) => !tableSeparator.test(line)).map(tableCells));
    case 'code':
      return block.lines.join('\n').trim();
  }
}

/** Blanks out what a reader never sees (front matter, comments) without moving any offset. */
function blankHidden(source: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return source.replace(frontMatter, blank).replace(htmlComment, blank);
}

/**
 * Reads Markdown into blocks under their heading path: ATX (`## Title`) and setext headings, paragraphs
 * (soft line breaks joined), lists (one line per item), GFM tables (one sentence per row, see
 * `tableRowsToText`), fenced code, block quotes. Front matter and HTML comments are skipped.
 */
export function parseMarkdown(source: string): ParsedDocument {
  const text = blankHidden(source);
  const headings = createHeadingTracker();
  const blocks: DocumentBlock[] = [];
  let open: OpenBlock | undefined;
  let fenceMarker: string | undefined;

  const flush = () => {
    if (open === undefined) return;
    const content = blockText(open);
    if (content !== '')
      blocks.push({ headingPath: headings.path(), text: content, start: open.start, end: open.end });
    open = undefined;
  };
  const append = (kind: BlockKind, line: string, start: number, end: number) => {
    if (open !== undefined && open.kind !== kind) flush();
    if (open === undefined) open = { kind, lines: [], start, end };
    open.lines.push(line);
    open.end = end;
  };

  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const start = offset;
    const end = start + raw.length;
    offset += lines[i]!.length + 1;

    if (fenceMarker !== undefined) {
      if (raw.trim().startsWith(fenceMarker)) {
        fenceMarker = undefined;
        flush();
      } else append('code', raw, start, end);
      continue;
    }
    const fenced = fence.exec(raw);
    if (fenced) {
      flush();
      fenceMarker = fenced[1]![0]!.repeat(3);
      continue;
    }
    const line = raw.replace(blockquote, '');
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = atxHeading.exec(line);
    if (heading) {
      flush();
      headings.enter(heading[1]!.length, markdownInlineText(heading[2] ?? ''));
      continue;
    }
    const underline = setextUnderline.exec(line);
    if (underline && open?.kind === 'paragraph') {
      const title = markdownInlineText(open.lines.join(' '));
      open = undefined;
      headings.enter(underline[1]!.startsWith('=') ? 1 : 2, title);
      continue;
    }
    if (thematicBreak.test(line)) {
      flush();
      continue;
    }
    const next = lines[i + 1]?.replace(blockquote, '') ?? '';
    const startsTable = line.includes('|') && tableSeparator.test(next) && next.includes('-');
    if (startsTable || (open?.kind === 'table' && line.includes('|'))) {
      if (startsTable) flush();
      append('table', line, start, end);
      continue;
    }
    if (listItem.test(line)) {
      append('list', line.replace(listItem, ''), start, end);
      continue;
    }
    if (open?.kind === 'list' && /^[ \t]+\S/.test(line)) {
      open.lines[open.lines.length - 1] += ` ${line.trim()}`;
      open.end = end;
      continue;
    }
    append('paragraph', line.trim(), start, end);
  }
  flush();
  return { title: headings.firstTitle(), blocks };
}
