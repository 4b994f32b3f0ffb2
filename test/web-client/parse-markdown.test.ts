import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from '../../web-client/markdown/parse-markdown.ts';

describe('widget markdown', () => {
  it('parses emphasis, code, links and line breaks', () => {
    expect(
      parseInline('**Order 12345** is *on its way*: `1Z4A`\nsee [tracking](https://ups.example/t?x=1)'),
    ).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'Order 12345' }] },
      { type: 'text', text: ' is ' },
      { type: 'em', children: [{ type: 'text', text: 'on its way' }] },
      { type: 'text', text: ': ' },
      { type: 'code', text: '1Z4A' },
      { type: 'break' },
      { type: 'text', text: 'see ' },
      { type: 'link', href: 'https://ups.example/t?x=1', children: [{ type: 'text', text: 'tracking' }] },
    ]);
  });

  it('keeps HTML as text', () => {
    const text = '<img src=x onerror="alert(1)"> <script>alert(2)</script>';
    expect(parseMarkdown(text)).toEqual([{ type: 'paragraph', children: [{ type: 'text', text }] }]);
  });

  it('links only http(s), mailto and tel; other schemes stay text', () => {
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('/relative')).toBeUndefined();
    expect(safeHref('mailto:help@example.com')).toBe('mailto:help@example.com');
    expect(parseInline('[click](javascript:alert(1))')).toEqual([
      { type: 'text', text: '[click](javascript:alert(1))' },
    ]);
    expect(parseInline('see https://acme.example/returns.')).toEqual([
      { type: 'text', text: 'see ' },
      {
        type: 'link',
        href: 'https://acme.example/returns',
        children: [{ type: 'text', text: 'https://acme.example/returns' }],
      },
      { type: 'text', text: '.' },
    ]);
  });

  it('parses paragraphs and lists', () => {
    expect(
      parseMarkdown('Items:\n- shoes\n- socks\n\n1. first\n2. second\n\nBye').map((b) => b.type),
    ).toEqual(['paragraph', 'list', 'list', 'paragraph']);
    const [, bullets, numbers] = parseMarkdown('Items:\n- shoes\n- socks\n\n1. first\n2. second');
    expect(bullets).toMatchObject({ ordered: false, items: [[{ text: 'shoes' }], [{ text: 'socks' }]] });
    expect(numbers).toMatchObject({ ordered: true });
  });
});

describe('widget markdown, intraword underscores', () => {
  it('does not read __ inside words as bold', () => {
    expect(parseInline('window.__a=1 and x.__b=2')).toEqual([
      { type: 'text', text: 'window.__a=1 and x.__b=2' },
    ]);
    expect(parseInline('a __real__ one')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'strong', children: [{ type: 'text', text: 'real' }] },
      { type: 'text', text: ' one' },
    ]);
  });
});
