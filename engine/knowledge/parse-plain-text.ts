import type { DocumentBlock, ParsedDocument } from './parsed-document.ts';

const paragraphBreak = /\r?\n[ \t]*\r?\n/g;
const endsLikeProse = /[.!?:;,…)"”]$/;
const maxHeadingChars = 80;

/**
 * Reads plain text into paragraphs (separated by blank lines; lines inside one are joined). A
 * paragraph of one short line without closing punctuation that is followed by another paragraph is
 * read as a section heading ("Return window"), so passages of a text file can be cited by section.
 */
export function parsePlainText(source: string): ParsedDocument {
  const paragraphs: { text: string; start: number; end: number }[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = source.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text !== '') paragraphs.push({ text, start: start + lead, end: start + lead + text.length });
  };
  for (const match of source.matchAll(paragraphBreak)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  push(source.length);

  const blocks: DocumentBlock[] = [];
  let heading: string[] = [];
  paragraphs.forEach((paragraph, i) => {
    const isHeading =
      i + 1 < paragraphs.length &&
      !paragraph.text.includes('\n') &&
      paragraph.text.length <= maxHeadingChars &&
      !endsLikeProse.test(paragraph.text);
    if (isHeading) heading = [paragraph.text];
    else
      blocks.push({
        headingPath: heading,
        text: paragraph.text.replace(/[ \t]*\r?\n[ \t]*/g, ' ').replace(/[ \t]+/g, ' '),
        start: paragraph.start,
        end: paragraph.end,
      });
  });
  return { title: undefined, blocks };
}
