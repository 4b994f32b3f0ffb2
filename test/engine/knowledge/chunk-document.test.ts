import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../engine/knowledge/chunk-document.ts';

describe('chunkDocument — Markdown', () => {
  const source = [
    '---',
    'title: ignored front matter',
    '---',
    '# Returns and refunds',
    '',
    'Intro text under the title.',
    '',
    '## Return window',
    'Most items can be returned within **30 days** of delivery. Electronics have a',
    'shorter window of *14 days*. See [the policy](https://example.com/policy).',
    '',
    '<!-- an editor note nobody sees -->',
    '### Winter sale',
    'Until `February 15`.',
    '',
    'Shipping options',
    '----------------',
    '| option | cost |',
    '|---|---|',
    '| Standard | $5.99 |',
    '| Express | $14.99 |',
    '',
    '- first item',
    '- second item',
    '  continues here',
  ].join('\n');
  const chunks = chunkDocument({ file: 'returns.md', content: source });

  it('follows the heading path, one chunk per section, title from the first # heading', () => {
    expect(chunks.map((c) => c.headingPath)).toEqual([
      ['Returns and refunds'],
      ['Returns and refunds', 'Return window'],
      ['Returns and refunds', 'Return window', 'Winter sale'],
      ['Returns and refunds', 'Shipping options'],
    ]);
    expect(chunks.every((c) => c.title === 'Returns and refunds' && c.file === 'returns.md')).toBe(true);
    expect(chunks.map((c) => c.id)).toEqual(['returns.md#0', 'returns.md#1', 'returns.md#2', 'returns.md#3']);
  });

  it('joins soft line breaks and strips inline markup, front matter and comments', () => {
    expect(chunks[1]!.text).toBe(
      'Most items can be returned within 30 days of delivery. Electronics have a shorter window of 14 days. See the policy.',
    );
    expect(chunks[2]!.text).toBe('Until February 15.');
    expect(chunks.some((c) => c.text.includes('front matter') || c.text.includes('editor note'))).toBe(false);
  });

  it('reads tables as one sentence per row and lists as one line per item', () => {
    expect(chunks[3]!.text).toBe(
      'Standard: cost $5.99.\nExpress: cost $14.99.\nfirst item\nsecond item continues here',
    );
  });

  it('records source offsets that point at the section', () => {
    const window = chunks[1]!;
    expect(source.slice(window.start, window.end)).toContain('Most items can be returned');
    expect(source.slice(window.start, window.end)).toContain('[the policy]');
  });

  it('cuts a section longer than maxChunkChars at sentence ends, keeping its headings', () => {
    const long = `# Doc\n## Long\n${Array.from({ length: 30 }, (_, i) => `Sentence number ${i} is here.`).join(' ')}`;
    const pieces = chunkDocument({ file: 'long.md', content: long, maxChunkChars: 200 });
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(200);
      expect(piece.headingPath).toEqual(['Doc', 'Long']);
      expect(piece.text).toMatch(/^Sentence number \d+ is here\./);
    }
  });

  it('keeps fenced code as text without reading headings inside it', () => {
    const [chunk] = chunkDocument({ file: 'c.md', content: '# T\n```\n# not a heading\ncode\n```' });
    expect(chunk!.headingPath).toEqual(['T']);
    expect(chunk!.text).toBe('# not a heading\ncode');
  });
});

describe('chunkDocument — HTML', () => {
  const html = `<!doctype html><html><head><title>Help &amp; FAQ</title>
    <style>h2 { color: red }</style><script>document.write('<h2>fake</h2>')</script></head>
    <body><h1>Help</h1><p>Welcome to <b>our</b> help&nbsp;centre &mdash; ask away.</p>
    <h2 class="x" data-note="a > b">Delivery <em>times</em></h2>
    <p>Parcels arrive in 3&ndash;5 days.<br>Express: next day.</p>
    <ul><li>Tracking by email</li><li>Signature on request</li></ul>
    <script>alert('never indexed')</script><noscript>enable JS</noscript>
    <table><tr><th>option</th><th>cost</th></tr><tr><td>Standard</td><td>&#36;5.99</td></tr></table>
    <h3>Late parcels</h3><p>Tell us after 5 days &lt;script&gt; is just text here.</p><!-- hidden --></body></html>`;
  const chunks = chunkDocument({ file: 'help/faq.html', content: html });

  it('reads h1–h6 as the heading path and <title> as the title', () => {
    expect(chunks.map((c) => c.headingPath)).toEqual([
      ['Help'],
      ['Help', 'Delivery times'],
      ['Help', 'Delivery times', 'Late parcels'],
    ]);
    expect(chunks[0]!.title).toBe('Help & FAQ');
  });

  it('drops scripts, styles and comments, decodes entities, and keeps block structure', () => {
    expect(chunks[0]!.text).toBe('Welcome to our help centre — ask away.');
    expect(chunks[1]!.text).toBe(
      'Parcels arrive in 3–5 days.\nExpress: next day.\nTracking by email\nSignature on request\nStandard: cost $5.99.',
    );
    const all = chunks.map((c) => c.text).join('\n');
    expect(all).not.toMatch(/alert|fake|color|enable JS|hidden/);
  });

  it('returns plain text: escaped markup in the page stays literal text, no tag survives', () => {
    expect(chunks[2]!.text).toBe('Tell us after 5 days <script> is just text here.');
    expect(chunks.every((c) => !/<\/?(p|h\d|b|em|li|ul|td|br)\b/.test(c.text))).toBe(true);
  });
});

describe('chunkDocument — plain text', () => {
  it('splits paragraphs, reads a short unpunctuated line before a paragraph as its heading', () => {
    const text =
      'Opening hours\n\nWe are open\nfrom 9 to 5.\n\nClosed on holidays.\n\nParking\n\nFree for customers.';
    const chunks = chunkDocument({ file: 'notes/store-info.txt', content: text });
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [['Opening hours'], 'We are open from 9 to 5.\nClosed on holidays.'],
      [['Parking'], 'Free for customers.'],
    ]);
    expect(chunks[0]!.title).toBe('Store info');
    expect(text.slice(chunks[1]!.start, chunks[1]!.end)).toBe('Free for customers.');
  });
});
