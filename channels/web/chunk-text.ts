/**
 * Splits a text delta into pieces of `words` words each (whitespace stays with the word before it), so a reply
 * produced in one piece still streams visibly. `words` 0 or a delta of at most `words` words returns the delta.
 * Deterministic: the same delta always gives the same pieces.
 *
 * @example
 * chunkText('Hi there, how are you?', 2) // ['Hi there, ', 'how are ', 'you?']
 */
export function chunkText(delta: string, words: number): string[] {
  if (words <= 0) return [delta];
  const tokens = delta.match(/\s*\S+\s*/g);
  if (!tokens || tokens.length <= words) return [delta];
  const pieces: string[] = [];
  for (let i = 0; i < tokens.length; i += words) pieces.push(tokens.slice(i, i + words).join(''));
  return pieces;
}
