/**
 * The index just past the JSON object or array that starts at `start` (which must be `{` or `[`), found
 * by balancing brackets outside strings; -1 when the text ends before it closes. The span is not
 * validated: `JSON.parse` it.
 */
export function jsonSpanEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
