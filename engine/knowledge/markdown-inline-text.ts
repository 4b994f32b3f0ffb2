import { decodeHtmlEntities } from './decode-html-entities.ts';

const image = /!\[([^\]]*)\]\([^)]*\)/g;
const inlineLink = /\[([^\]]+)\]\([^)]*\)/g;
const referenceLink = /\[([^\]]+)\]\[[^\]]*\]/g;
const autolink = /<((?:https?|mailto):[^>\s]+)>/g;
const htmlTag = /<\/?[a-zA-Z][^>]*>/g;
const code = /`+([^`]+?)`+/g;
const strong = /(\*\*|__)(?=\S)([\s\S]*?\S)\1/g;
const strike = /~~(?=\S)([\s\S]*?\S)~~/g;
const emphasisStar = /\*(?=\S)([^*]*?\S)\*/g;
const emphasisUnderscore = /(^|[^\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu;
const escaped = /\\([\\`*_{}[\]()#+\-.!|>~])/g;
const spaces = /[ \t\u00a0]+/g;

/**
 * The text a reader sees in one line of Markdown: emphasis, code, link and image markup and inline
 * HTML tags removed (links keep their text, images their alt text), entities decoded, spaces collapsed.
 *
 * @example
 * markdownInlineText('a **flat fee** of [$4.95](/fees)') // "a flat fee of $4.95"
 */
export function markdownInlineText(markdown: string): string {
  return decodeHtmlEntities(
    markdown
      .replace(image, '$1')
      .replace(inlineLink, '$1')
      .replace(referenceLink, '$1')
      .replace(autolink, '$1')
      .replace(htmlTag, '')
      .replace(code, '$1')
      .replace(strong, '$2')
      .replace(strike, '$1')
      .replace(emphasisStar, '$1')
      .replace(emphasisUnderscore, '$1$2')
      .replace(escaped, '$1'),
  )
    .replace(spaces, ' ')
    .trim();
}
