/** Inline markdown, as data: text is never interpreted as HTML. */
export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MarkdownInline[] }
  | { type: 'em'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: MarkdownInline[] }
  | { type: 'break' };

/** A block of markdown: a paragraph or a list. */
export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'list'; ordered: boolean; items: MarkdownInline[][] };

const inlinePattern =
  /`([^`\n]+)`|\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__|\*(?=[^\s*])([^*]*?[^\s*])\*|\[([^\]\n]+)\]\(([^()\s]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])|(\n)/g;

/**
 * The URL a link may point to: absolute http(s), mailto and tel only; anything else (javascript:, data:,
 * relative paths) gives undefined and the link is shown as text.
 */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Parses inline markdown: `**bold**`, `__bold__`, `*italic*`, `` `code` ``, `[text](url)`, bare URLs, line breaks. */
export function parseInline(text: string): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  const pushText = (t: string) => {
    if (!t) return;
    const last = out.at(-1);
    if (last?.type === 'text') last.text += t;
    else out.push({ type: 'text', text: t });
  };
  const pattern = new RegExp(inlinePattern);
  let at = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [whole, code, strong, strong2, em, linkText, linkHref, bare, newline] = m;
    // `__` inside a word (snake__case, window.__name) is not emphasis; skip one character and look again.
    if (
      strong2 !== undefined &&
      (/\w/.test(text[m.index - 1] ?? '') || /\w/.test(text[m.index + whole.length] ?? ''))
    ) {
      pattern.lastIndex = m.index + 1;
      continue;
    }
    pushText(text.slice(at, m.index));
    at = m.index + whole.length;
    if (code !== undefined) out.push({ type: 'code', text: code });
    else if (strong !== undefined || strong2 !== undefined)
      out.push({ type: 'strong', children: parseInline(strong ?? strong2 ?? '') });
    else if (em !== undefined) out.push({ type: 'em', children: parseInline(em) });
    else if (linkText !== undefined) {
      const href = safeHref(linkHref ?? '');
      if (href) out.push({ type: 'link', href, children: parseInline(linkText) });
      else pushText(whole);
    } else if (bare !== undefined) {
      const href = safeHref(bare);
      if (href) out.push({ type: 'link', href, children: [{ type: 'text', text: bare }] });
      else pushText(bare);
    } else if (newline !== undefined) out.push({ type: 'break' });
  }
  pushText(text.slice(at));
  return out;
}

const bullet = /^\s*[-*•]\s+(.*)$/;
const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/;

/**
 * Parses the small markdown subset bot messages use: paragraphs (blank-line separated), `-`/`*` and `1.`
 * lists, and inline markup. Raw HTML is plain text.
 *
 * @example
 * parseMarkdown('**Hi** <b>x</b>') // [{ type: 'paragraph', children: [{ type: 'strong', ... }, { type: 'text', text: ' <b>x</b>' }] }]
 */
export function parseMarkdown(source: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = undefined;
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const item = bullet.exec(line) ?? numbered.exec(line);
    if (item) {
      const ordered = numbered.test(line) && !bullet.test(line);
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1] ?? '');
    } else if (line.trim() === '') {
      flush();
    } else if (list && /^\s{2,}\S/.test(line)) {
      list.items[list.items.length - 1] += `\n${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
