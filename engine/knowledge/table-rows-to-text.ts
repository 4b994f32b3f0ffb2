const endsSentence = /[.!?:;…]$/;

function sentence(text: string): string {
  return endsSentence.test(text) ? text : `${text}.`;
}

/**
 * Turns a table into one sentence per body row, so that a row reads on its own in an answer:
 * the first cell names the row, the others follow as "header value".
 *
 * @example
 * tableRowsToText([['option', 'cost'], ['Express', '$14.99']]) // "Express: cost $14.99."
 */
export function tableRowsToText(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows.filter((row) => row.some((cell) => cell !== ''));
  if (header === undefined) return '';
  if (body.length === 0) return sentence(header.filter((cell) => cell !== '').join(', '));
  const lines = body.map((row) => {
    const [name = '', ...rest] = row;
    const parts = rest
      .map((cell, i) => {
        if (cell === '') return '';
        const label = header[i + 1] ?? '';
        return label === '' ? cell : `${label} ${cell}`;
      })
      .filter((part) => part !== '');
    if (name === '') return sentence(parts.join(', '));
    return sentence(parts.length === 0 ? name : `${name}: ${parts.join(', ')}`);
  });
  return lines.join('\n');
}
