import { type MarkdownInline, parseMarkdown } from './parse-markdown.ts';

function renderInline(nodes: readonly MarkdownInline[], parent: Node): void {
  const doc = parent.ownerDocument ?? document;
  for (const node of nodes) {
    if (node.type === 'text') parent.appendChild(doc.createTextNode(node.text));
    else if (node.type === 'break') parent.appendChild(doc.createElement('br'));
    else if (node.type === 'code') {
      const code = doc.createElement('code');
      code.textContent = node.text;
      parent.appendChild(code);
    } else if (node.type === 'link') {
      const a = doc.createElement('a');
      a.href = node.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      renderInline(node.children, a);
      parent.appendChild(a);
    } else {
      const element = doc.createElement(node.type);
      renderInline(node.children, element);
      parent.appendChild(element);
    }
  }
}

/**
 * Renders markdown into `target` (replacing its children) with DOM calls only: no `innerHTML`, so markup in
 * the text (`<img onerror=…>`, `<script>`) stays text. Links open in a new tab with `rel="noopener"`.
 */
export function renderMarkdown(source: string, target: Element): void {
  const doc = target.ownerDocument;
  const fragment = doc.createDocumentFragment();
  for (const block of parseMarkdown(source)) {
    if (block.type === 'paragraph') {
      const p = doc.createElement('p');
      renderInline(block.children, p);
      fragment.appendChild(p);
    } else {
      const list = doc.createElement(block.ordered ? 'ol' : 'ul');
      for (const item of block.items) {
        const li = doc.createElement('li');
        renderInline(item, li);
        list.appendChild(li);
      }
      fragment.appendChild(list);
    }
  }
  target.replaceChildren(fragment);
}
