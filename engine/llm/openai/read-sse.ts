/**
 * The `data` payloads of a server-sent-events body, in order, ending at `[DONE]` or the end of the body.
 * Comments (`: keep-alive`) and other fields are skipped; the lines of a multi-line `data` are joined with
 * newlines, as the SSE specification says.
 */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const take = function* (line: string): Generator<string> {
    if (line === '') {
      if (data.length > 0) yield data.join('\n');
      data = [];
    } else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
  };
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    let end = buffer.search(/\r\n|\r|\n/);
    while (end >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(buffer[end] === '\r' && buffer[end + 1] === '\n' ? end + 2 : end + 1);
      for (const payload of take(line)) {
        if (payload === '[DONE]') return;
        yield payload;
      }
      end = buffer.search(/\r\n|\r|\n/);
    }
  }
  buffer += decoder.decode();
  for (const payload of [...take(buffer), ...take('')]) if (payload !== '[DONE]') yield payload;
}
