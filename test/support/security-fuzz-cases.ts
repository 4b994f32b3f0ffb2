import { createSeededRandom } from '../../engine/nlu/seeded-random.ts';
import { testApiKey } from './security-api-key.ts';

/**
 * One malformed input for the fuzzer: raw HTTP bytes, an engine.io polling payload, or WebSocket frames. The
 * polling and WebSocket cases name the client address a trusted proxy forwards (`X-Forwarded-For`); the raw
 * requests carry that header themselves (mostly a fresh address, sometimes a malformed one).
 */
export type FuzzCase =
  | { kind: 'http'; request: Buffer }
  | { kind: 'polling'; payload: Buffer; contentType: string; forwardedFor: string }
  | { kind: 'websocket'; frames: Buffer[]; forwardedFor: string };

/** A seeded source of fuzz cases: the same seed gives the same cases. */
export interface FuzzCaseSource {
  next(): FuzzCase;
}

const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'BREW', 'get', 'P OST', ''];
const percents = ['%ED%A0%80', '%C0%AF', '%E0%A4%A', '%', '%ZZ', '%00', '%2F', '%2e%2e', '%FF%FE', '%F0%9F%98%80', '%F4%90%80%80', '%0A', '%EF%BF%BF'];
const specials = ['😀', '\u0000', '\ud800', '\u202e', 'é', '../', '//', '\\', '?', '#', ' ', '\t', 'null', '__proto__', 'constructor', '%s%n', '{{x}}', '<script>'];
const contentTypes = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/jsonx', 'text/plain', 'multipart/form-data; boundary=x', '', 'application/json; charset=utf-16'];

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD), keeping letters and digits. */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Creates the case source for `seed`. */
export function createFuzzCases(seed: number): FuzzCaseSource {
  const random = createSeededRandom(seed);
  const int = (n: number) => Math.floor(random.next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => random.next() < p;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const text = (max: number): string => {
    const length = int(max);
    let out = '';
    for (let i = 0; i < length; i += 1) {
      const r = random.next();
      out += r < 0.6 ? String.fromCharCode(32 + int(95)) : r < 0.8 ? pick(specials) : String.fromCharCode(int(0x10000));
    }
    return out;
  };
  // Random addresses, so that per-address state (rate limits, slots) meets as many clients as there are cases.
  const address = (): string =>
    chance(0.7) ? `10.${int(256)}.${int(256)}.${int(256)}` : `fd00::${int(0x10000).toString(16)}:${int(0x10000).toString(16)}`;
  const id = (): string => {
    const r = random.next();
    if (r < 0.25) return `c${int(50)}`;
    if (r < 0.4) return 'x'.repeat(190 + int(20));
    if (r < 0.6) return Array.from({ length: 1 + int(4) }, () => pick(percents)).join(pick(['', 'a', '-']));
    if (r < 0.7) return encode('😀'.repeat(95 + int(10)));
    return encode(text(30)) || 'e';
  };
  const path = (): string => {
    const r = random.next();
    const query = chance(0.3) ? `?${pick(['limit', 'cursor', 'x', ''])}=${pick(['0', '-1', '501', '1e3', '99999999999', '5', encode(text(20)), pick(percents)])}` : '';
    if (r < 0.75) return `/api/conversations/${id()}/${pick(['messages', 'messages', 'messages', 'history', 'history', 'messages/', 'other', ''])}${query}`;
    if (r < 0.85) return pick(['/api', '/api/', '/api/conversations', '/healthz', '/', '/parley-widget.js', '/nope', '*', 'http://[::1', '//x', '/api/conversations/a/b/c']) + query;
    return `/${encode(text(40)).replaceAll('%2F', '/')}`;
  };
  const json = (depth = 0): string => {
    const r = random.next();
    if (depth > 3 || r < 0.3) return pick(['null', 'true', '1e999', '-0', '"x"', JSON.stringify(text(50)), '"\\ud800"', '[]', '{}', '12345678901234567890']);
    if (r < 0.5) return `[${Array.from({ length: int(4) }, () => json(depth + 1)).join(',')}]`;
    const fields = ['text', 'turnId', 'userId', 'locale', '__proto__', 'constructor', text(5)];
    return `{${Array.from({ length: int(5) }, () => `${JSON.stringify(pick(fields))}:${json(depth + 1)}`).join(',')}}`;
  };
  const body = (): Buffer => {
    const r = random.next();
    if (r < 0.35) {
      const units = pick([1, 10, 3999, 4000, 4001, 5000, 8000]);
      const fill = pick(['a', '😀', ' ', 'é']);
      const t = fill.repeat(Math.ceil(units / fill.length)).slice(0, units);
      const extra = chance(0.3) ? `,${JSON.stringify(pick(['turnId', 'userId', 'locale']))}:${json(2)}` : '';
      return Buffer.from(`{"text":${JSON.stringify(t)}${extra}}`);
    }
    if (r < 0.7) return Buffer.from(json());
    if (r < 0.8) return Buffer.from('['.repeat(int(5000)));
    if (r < 0.9) return bytes(int(300));
    return Buffer.from(JSON.stringify({ text: text(300) }));
  };
  const http = (): FuzzCase => {
    // Most requests are well framed, so that they reach the routes; the rest test the HTTP parser's edges.
    const wild = chance(0.25);
    const payload = chance(0.7) ? body() : Buffer.alloc(0);
    const headers: string[] = [`Host: ${wild ? pick(['127.0.0.1', 'evil.example', '', 'x'.repeat(300)]) : '127.0.0.1'}`];
    const auth = random.next();
    if (auth < 0.6) headers.push(`Authorization: Bearer ${testApiKey}`);
    else if (auth < 0.75) headers.push(`Authorization: ${pick(['Bearer', 'Bearer ', `bearer ${testApiKey}x`, `Basic ${testApiKey}`, `Bearer ${'a'.repeat(600)}`])}`);
    if (chance(0.8)) headers.push(`Content-Type: ${wild || chance(0.2) ? pick(contentTypes) : 'application/json'}`);
    const length = wild ? random.next() : 0;
    if (length < 0.7) headers.push(`Content-Length: ${payload.length}`);
    else if (length < 0.8) headers.push(`Content-Length: ${pick(['-1', 'abc', '99999999999999999999', `${payload.length}, ${payload.length}`, '0'])}`);
    else if (length < 0.9) headers.push('Transfer-Encoding: chunked');
    headers.push(`X-Forwarded-For: ${chance(0.1) ? pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1', '', `${address()}, 127.0.0.1`]) : address()}`);
    if (wild && chance(0.3)) headers.push(`${pick(['X-Junk', 'Content-Type', 'Authorization', 'Origin'])}: ${text(40).replace(/[\r\n]/g, '')}`);
    if (wild && chance(0.1)) headers.push(`X-Big: ${'b'.repeat(20_000)}`);
    headers.push('Connection: close');
    const chunked = headers.includes('Transfer-Encoding: chunked');
    const framed = chunked ? Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]) : payload;
    const method = wild ? pick(methods) : chance(0.6) ? 'POST' : pick(['GET', 'GET', 'PUT', 'DELETE', 'OPTIONS']);
    const start = `${method} ${path()} ${wild ? pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'HTTP/1.1 x']) : 'HTTP/1.1'}\r\n`;
    const head = Buffer.from(`${start}${headers.join('\r\n')}\r\n\r\n`, wild && chance(0.3) ? 'latin1' : 'utf8');
    return { kind: 'http', request: wild && chance(0.1) ? bytes(int(200)) : Buffer.concat([head, framed]) };
  };
  const socketPacket = (): string => {
    const r = random.next();
    if (r < 0.3) return `42${chance(0.5) ? int(1000) : ''}["message",${json(1)}]`;
    if (r < 0.45) return `42${int(10)}["message",{"id":${JSON.stringify(text(10) || 'i')},"text":${JSON.stringify(text(100) || 't')}}]`;
    if (r < 0.55) return `40${chance(0.5) ? json(1) : ''}`;
    if (r < 0.65) return `4${int(10)}${text(30)}`;
    if (r < 0.75) return pick(['2', '3', '5', '6', '1', '2probe', '41', '44', '45-["x"]', '46']);
    return text(60);
  };
  const polling = (): FuzzCase => {
    const packets = Array.from({ length: 1 + int(4) }, socketPacket);
    const payload = chance(0.85) ? Buffer.from(packets.join('\x1e')) : bytes(int(500));
    return { kind: 'polling', payload, contentType: pick(['text/plain;charset=UTF-8', 'application/octet-stream', 'text/plain']), forwardedFor: address() };
  };
  const frame = (opcode: number, data: Buffer, masked = true, fin = true): Buffer => {
    const mask = bytes(4);
    const length = data.length;
    const header =
      length < 126
        ? Buffer.from([(fin ? 0x80 : 0) | opcode, (masked ? 0x80 : 0) | length])
        : Buffer.from([(fin ? 0x80 : 0) | opcode, (masked ? 0x80 : 0) | 126, length >> 8, length & 0xff]);
    const body = Buffer.from(data);
    if (masked) for (let i = 0; i < body.length; i += 1) body[i]! ^= mask[i % 4]!;
    return Buffer.concat([header, masked ? mask : Buffer.alloc(0), body]);
  };
  const websocket = (): FuzzCase => {
    const frames = [frame(1, Buffer.from('40'))];
    for (let i = 0; i < 1 + int(5); i += 1) {
      const r = random.next();
      if (r < 0.6) frames.push(frame(1, Buffer.from(socketPacket().slice(0, 60_000))));
      else if (r < 0.7) frames.push(frame(2, bytes(int(200))));
      else if (r < 0.8) frames.push(frame(pick([0, 3, 7, 9, 10, 11, 15]), bytes(int(20)), chance(0.8), chance(0.8)));
      else if (r < 0.9) frames.push(frame(1, Buffer.from(socketPacket()), false));
      else frames.push(bytes(int(40)));
    }
    return { kind: 'websocket', frames, forwardedFor: address() };
  };
  return {
    next() {
      const r = random.next();
      return r < 0.6 ? http() : r < 0.8 ? polling() : websocket();
    },
  };
}
