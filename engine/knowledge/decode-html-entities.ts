const named: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  dollar: '$',
  percnt: '%',
  sect: '§',
  para: '¶',
  times: '×',
  divide: '÷',
  plusmn: '±',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  rarr: '→',
  larr: '←',
  check: '✓',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  ccedil: 'ç',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  szlig: 'ß',
};

const entity = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

function fromCodePoint(code: number, original: string): string {
  // Code points that are not characters (NUL, surrogates, beyond Unicode) become U+FFFD as in HTML.
  if (code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff)
    return original === '' ? '' : '\uFFFD';
  return String.fromCodePoint(code);
}

/**
 * Decodes HTML character references: decimal (`&#39;`), hexadecimal (`&#x27;`) and the common named
 * ones (`&amp;`, `&nbsp;`, `&rsquo;`, `&euro;`, ...). Unknown names stay as written. The result is
 * plain text, to be escaped again by whatever renders it as HTML.
 *
 * @example
 * decodeHtmlEntities('Tom &amp; Jerry&#8217;s &lt;b&gt;') // "Tom & Jerry’s <b>"
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(entity, (match, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10), match);
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), match);
    const value = name === undefined ? undefined : (named[name] ?? named[name.toLowerCase()]);
    return value ?? match;
  });
}
