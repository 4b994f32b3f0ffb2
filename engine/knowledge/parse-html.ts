import { decodeHtmlEntities } from './decode-html-entities.ts';
import { createHeadingTracker } from './heading-tracker.ts';
import type { DocumentBlock, ParsedDocument } from './parsed-document.ts';
import { tableRowsToText } from './table-rows-to-text.ts';

// Elements whose content is never shown as text.
const hiddenElement =
  /<(script|style|noscript|template|svg|math|iframe|object|canvas|select|textarea|button)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const comment = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[\s\S]*?\?>/g;
const titleElement = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i;
const headElement = /<head\b[^>]*>[\s\S]*?<\/head\s*>/i;
// A tag, with attribute values that may contain ">" inside quotes.
const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const blockElements = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'ul',
]);

const clean = (text: string) => decodeHtmlEntities(text).replace(/\s+/g, ' ').trim();
const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/**
 * Reads HTML into blocks under their heading path (`h1`–`h6`), without an HTML library: scripts,
 * styles, comments, `<head>` and form controls are dropped, every other tag is removed (block
 * elements end a block, `li` and `br` start a line), entities are decoded and tables become one
 * sentence per row. The output is plain text; nothing of the markup survives to be rendered.
 */
export function parseHtml(source: string): ParsedDocument {
  const headTitle = titleElement.exec(source)?.[1];
  const text = source.replace(comment, blank).replace(hiddenElement, blank).replace(headElement, blank);
  const headings = createHeadingTracker();
  const blocks: DocumentBlock[] = [];
  let lines: string[] = [''];
  let blockStart = -1;
  let blockEnd = 0;
  let heading: { level: number; text: string } | undefined;
  let table: { rows: string[][]; cell: string | undefined } | undefined;

  const flush = () => {
    const content = lines
      .map(clean)
      .filter((line) => line !== '')
      .join('\n');
    if (content !== '')
      blocks.push({ headingPath: headings.path(), text: content, start: blockStart, end: blockEnd });
    lines = [''];
    blockStart = -1;
  };
  const addText = (raw: string, start: number, end: number) => {
    if (raw.trim() === '') return;
    if (heading) heading.text += raw;
    else if (table?.cell !== undefined) table.cell += raw;
    else {
      lines[lines.length - 1] += raw;
      if (blockStart < 0) blockStart = start;
    }
    blockEnd = end;
  };

  let last = 0;
  for (const match of text.matchAll(tag)) {
    const at = match.index;
    addText(text.slice(last, at), last, at);
    last = at + match[0].length;
    const closing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    const level = /^h[1-6]$/.test(name) ? Number(name[1]) : 0;
    if (level > 0) {
      if (!closing) {
        flush();
        heading = { level, text: '' };
      } else if (heading) {
        headings.enter(heading.level, clean(heading.text));
        heading = undefined;
      }
    } else if (name === 'table') {
      flush();
      if (!closing) table = { rows: [], cell: undefined };
      else if (table) {
        const content = tableRowsToText(table.rows);
        if (content !== '')
          blocks.push({ headingPath: headings.path(), text: content, start: at, end: last });
        table = undefined;
      }
    } else if (table && name === 'tr' && !closing) table.rows.push([]);
    else if (table && (name === 'td' || name === 'th')) {
      if (!closing) table.cell = '';
      else if (table.cell !== undefined) {
        if (table.rows.length === 0) table.rows.push([]);
        table.rows[table.rows.length - 1]!.push(clean(table.cell));
        table.cell = undefined;
      }
    } else if (name === 'br' || name === 'li') lines.push('');
    else if (blockElements.has(name)) flush();
  }
  addText(text.slice(last), last, text.length);
  flush();
  const title = headTitle === undefined ? undefined : clean(headTitle.replace(tag, ''));
  return { title: title || headings.firstTitle(), blocks };
}
