/**
 * The text a user should see once the tool-call spans are cut out of `output`: the pieces between spans,
 * joined, with runs of blank lines collapsed and the ends trimmed. `spans` are `[start, end)` pairs in
 * order.
 */
export function joinVisibleText(output: string, spans: readonly (readonly [number, number])[]): string {
  let text = '';
  let at = 0;
  for (const [start, end] of spans) {
    text += output.slice(at, start);
    at = end;
  }
  text += output.slice(at);
  return text.replace(/\n{3,}/g, '\n\n').trim();
}
