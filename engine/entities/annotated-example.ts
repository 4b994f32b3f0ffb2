import { InputError } from '../../core/contracts/errors/index.ts';

/** A span of an annotated example: which entity, where (`end` exclusive, UTF-16 offsets). */
export interface AnnotatedSpan {
  entity: string;
  start: number;
  end: number;
}

/** An utterance with the entity spans a sequence tagger learns from. */
export interface AnnotatedExample {
  text: string;
  entities: readonly AnnotatedSpan[];
}

const markup = /\[([^\][]+)\]\(([\p{L}\p{N}_.-]+)\)/gu;

/** The text has Markdown-style entity markup: `[Paris](city)`. */
export function hasEntityMarkup(text: string): boolean {
  return new RegExp(markup.source, 'u').test(text);
}

/**
 * Reads an example written with entity markup, `"fly to [Paris](city) on [Monday](day)"`, into its plain text
 * and spans. Text without markup has no spans. Throws an InputError for an unbalanced bracket, so a typo in an
 * example is reported at load rather than learned as text.
 *
 * @example
 * parseAnnotatedExample('fly to [Paris](city)')
 * // { text: 'fly to Paris', entities: [{ entity: 'city', start: 7, end: 12 }] }
 */
export function parseAnnotatedExample(source: string): AnnotatedExample {
  const entities: AnnotatedSpan[] = [];
  let text = '';
  let last = 0;
  for (const match of source.matchAll(markup)) {
    text += source.slice(last, match.index);
    const start = text.length;
    text += match[1]!;
    entities.push({ entity: match[2]!, start, end: text.length });
    last = match.index + match[0].length;
  }
  text += source.slice(last);
  if (unbalanced.test(text)) throw new InputError('example', `unbalanced entity markup in ${JSON.stringify(source)} (write [text](entity))`);
  return { text, entities };
}

/** What is left of markup that did not parse: "[Paris(city)", "Paris](city)". */
const unbalanced = /\]\(|\[[^\]]*\([\p{L}\p{N}_.-]+\)/u;

/** The example has entity markup that does not parse (what {@link parseAnnotatedExample} would throw for). */
export function hasBrokenEntityMarkup(source: string): boolean {
  return unbalanced.test(source.replace(markup, '$1'));
}

/** The plain text of an example that may carry entity markup: `"fly to [Paris](city)"` → `"fly to Paris"`. */
export function stripEntityMarkup(text: string): string {
  return text.replace(markup, '$1');
}
