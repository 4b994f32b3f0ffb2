import { describe, expect, test } from 'vitest';
import { readSse } from '../../../../engine/llm/openai/read-sse.ts';
import { parseRetryAfter, retryDelay } from '../../../../engine/llm/openai/retry-delay.ts';

const settings = { initialRetryDelayMs: 500, maxRetryDelayMs: 8000, maxRetryAfterMs: 60_000, wallClock: () => Date.parse('2026-12-07T06:00:00Z') };

describe('retry delays', () => {
  test('Retry-After in seconds or as an HTTP date, retry-after-ms first', () => {
    expect(parseRetryAfter('2', null, settings.wallClock)).toBe(2000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 06:00:03 GMT', null, settings.wallClock)).toBe(3000);
    expect(parseRetryAfter('5', '250', settings.wallClock)).toBe(250);
    expect(parseRetryAfter('soon', null, settings.wallClock)).toBeUndefined();
  });

  test('exponential backoff with equal jitter, capped', () => {
    const at = (attempt: number, random: number) => retryDelay({ attempt, random: () => random, ...settings });
    expect([at(1, 0), at(1, 0.999)]).toEqual([250, 500]);
    expect([at(3, 0), at(3, 0.999)]).toEqual([1000, 1999]);
    expect(at(10, 0.999)).toBeLessThanOrEqual(8000);
  });

  test('the server is waited for exactly, unless it asks for more than maxRetryAfterMs', () => {
    expect(retryDelay({ attempt: 1, retryAfter: '7', random: () => 0, ...settings })).toBe(7000);
    expect(retryDelay({ attempt: 1, retryAfter: '61', random: () => 0, ...settings })).toBeUndefined();
  });
});

describe('reading server-sent events', () => {
  const bytes = async function* (...parts: string[]) {
    for (const part of parts) yield new TextEncoder().encode(part);
  };
  const all = async (source: AsyncIterable<Uint8Array>) => {
    const out: string[] = [];
    for await (const data of readSse(source)) out.push(data);
    return out;
  };

  test('joins events split across reads, skips comments, honours CRLF and multi-line data, stops at [DONE]', async () => {
    expect(await all(bytes(': hi\r\n\r\ndata: {"a"', ':1}\r\n\r\ndata: x\ndata: y\n\nevent: z\ndata: 2\n\ndata: [DONE]\n\ndata: after\n\n'))).toEqual([
      '{"a":1}',
      'x\ny',
      '2',
    ]);
  });

  test('a last event without its blank line still counts', async () => {
    expect(await all(bytes('data: 1\n\ndata: 2'))).toEqual(['1', '2']);
  });

  test('multi-byte characters split between reads stay whole', async () => {
    const euro = new TextEncoder().encode('data: €\n\n');
    const split = async function* () {
      yield euro.slice(0, 7);
      yield euro.slice(7);
    };
    expect(await all(split())).toEqual(['€']);
  });
});
