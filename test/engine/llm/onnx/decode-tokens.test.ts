import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeTokens } from '../../../../engine/llm/onnx/decode-tokens.ts';
import { StopSequenceScanner } from '../../../../engine/llm/onnx/stop-sequence-scanner.ts';
import { createTokenizerVocabulary } from '../../../../engine/llm/onnx/tokenizer-vocabulary.ts';
import type { LanguageModelEvent } from '../../../../engine/llm/language-model.ts';
import type { TokenConstraint } from '../../../../engine/llm/token-constraint.ts';
import type { ToolCallFormat } from '../../../../engine/llm/tool-call-format.ts';
import type { Vocabulary } from '../../../../engine/llm/vocabulary.ts';
import { tinyLlamaDir } from './tiny-llama.ts';

describe('the fixture vocabulary', () => {
  const json = JSON.parse(readFileSync(`${tinyLlamaDir}/tokenizer.json`, 'utf8'));
  const vocabulary = createTokenizerVocabulary(json, { size: 704 });
  const id = (content: string) =>
    (json.added_tokens as Array<{ id: number; content: string }>).find((t) => t.content === content)!.id;

  test('maps byte tokens to their bytes, chat markers to specials and plain added tokens to their text', () => {
    expect(vocabulary.size).toBe(704);
    expect(vocabulary.bytes(json.model.vocab['Ġ'])).toEqual(Uint8Array.of(0x20));
    expect(vocabulary.bytes(json.model.vocab['Ċ'])).toEqual(Uint8Array.of(0x0a));
    expect(vocabulary.isSpecial(id('<|im_end|>'))).toBe(true);
    expect(vocabulary.bytes(id('<|im_end|>'))).toHaveLength(0);
    expect(vocabulary.isSpecial(id('<tool_call>'))).toBe(false);
    expect(Buffer.from(vocabulary.bytes(id('<tool_call>'))).toString()).toBe('<tool_call>');
    expect(vocabulary.isSpecial(703)).toBe(true);
  });

  test('reads SentencePiece-style vocabularies with byte fallback', () => {
    const sp = createTokenizerVocabulary({
      model: { type: 'BPE', vocab: { '<s>': 0, '▁hello': 1, '<0x0A>': 2, é: 3 }, byte_fallback: true },
      added_tokens: [{ id: 0, content: '<s>', special: true }],
      decoder: { type: 'Sequence', decoders: [{ type: 'Replace' }, { type: 'ByteFallback' }] },
    });
    expect(sp.isSpecial(0)).toBe(true);
    expect(Buffer.from(sp.bytes(1)).toString()).toBe(' hello');
    expect(sp.bytes(2)).toEqual(Uint8Array.of(0x0a));
    expect(Buffer.from(sp.bytes(3)).toString()).toBe('é');
  });
});

describe('streamed text', () => {
  test('a character split over byte tokens is never streamed half-written', async () => {
    // "é" is 0xC3 0xA9: the scripted model writes it one byte token at a time.
    const bytes = [Uint8Array.of(0x61), Uint8Array.of(0xc3), Uint8Array.of(0xa9), Uint8Array.of(0x62)];
    let step = 0;
    const events: LanguageModelEvent[] = [];
    const run = decodeTokens({
      promptIds: [0],
      next: async () => {
        const at = step++;
        return Float32Array.from({ length: 4 }, (_, i) => (i === at ? 1 : 0));
      },
      vocabulary: { size: 4, bytes: (id) => bytes[id]!, isSpecial: () => false },
      eosIds: new Set(),
      specialText: () => '',
      maxTokens: 4,
      temperature: 0,
      topP: 1,
      random: Math.random,
      stop: [],
      isAborted: () => false,
      now: () => 0,
    });
    for await (const event of run) if (event.type !== 'token') events.push(event);
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.delta)).toEqual(['a', 'é', 'b']);
  });

  test('the scanner holds back a possible stop or opening and drops everything from a match on', () => {
    const scanner = new StopSequenceScanner(['\nUser:'], ['<tool_call>']);
    expect(scanner.push('Hello\nUs')).toEqual({ text: 'Hello' });
    expect(scanner.push('ually')).toEqual({ text: '\nUsually' });
    expect(scanner.push(' <tool')).toEqual({ text: ' ' });
    expect(scanner.push('_call> {')).toEqual({ text: '', match: { kind: 'hold', pattern: '<tool_call>' } });
    expect(scanner.push('bye\nUser: x')).toEqual({
      text: 'bye',
      match: { kind: 'stop', pattern: '\nUser:' },
    });
    expect(new StopSequenceScanner(['END'], []).push('the EN').text).toBe('the ');
  });
});

describe('tool-call plumbing of the decoding loop (scripted logits)', () => {
  // ids: 0 "a", 1 "{", 2 "}", 3 end of turn (special), 4 "[TOOL_CALLS]" (special)
  const pieces = ['a', '{', '}', '', ''];
  const vocabulary: Vocabulary = {
    size: 5,
    bytes: (id) => new TextEncoder().encode(pieces[id]),
    isSpecial: (id) => id >= 3,
  };
  /** Allows exactly "{" then "}". */
  const braces = (): TokenConstraint => {
    let at = 0;
    return {
      mask: () => Uint8Array.from({ length: 5 }, (_, id) => (id === at + 1 ? 1 : 0)),
      advance: (id) => {
        if (id !== at + 1) throw new Error(`token ${id} is not allowed`);
        at++;
      },
      get finished() {
        return at === 2;
      },
    };
  };
  const format = (opening: string): ToolCallFormat => ({
    name: 'hermes',
    opening,
    parse: (output) => ({ text: '', calls: output.endsWith('{}') ? [{ name: 'ping', arguments: {} }] : [] }),
    constraint: braces,
  });
  /** The model prefers `favourite[step]` at each step (then the end of turn). */
  const run = async (favourite: number[], opening: string, openingIds: number[]) => {
    let step = 0;
    const events = [];
    for await (const event of decodeTokens({
      promptIds: [0],
      next: async () => {
        const top = favourite[step++] ?? 3;
        return Float32Array.from({ length: 5 }, (_, id) => (id === top ? 5 : 0));
      },
      vocabulary,
      eosIds: new Set([3]),
      specialText: (id) => (id === 4 ? '[TOOL_CALLS]' : ''),
      maxTokens: 10,
      temperature: 0,
      topP: 1,
      random: Math.random,
      stop: [],
      tools: { format: format(opening), constraint: braces, choice: 'auto', openingIds },
      isAborted: () => false,
      now: () => 0,
    })) {
      events.push(event);
    }
    return events.filter((e) => e.type !== 'token');
  };

  test('a format without an opening (Llama 3) constrains a reply that starts with "{", from that token on', async () => {
    // The model wants "{", then "a" (invalid JSON): the constraint makes it "}".
    expect(await run([1, 0], '', [])).toEqual([
      { type: 'tool-call', name: 'ping', arguments: {} },
      { type: 'finish', reason: 'tool-calls', usage: expect.objectContaining({ outputTokens: 2 }) },
    ]);
  });

  test('a special opening token (Mistral [TOOL_CALLS]) starts the constrained span', async () => {
    expect(await run([0, 4, 0, 0], '[TOOL_CALLS]', [4])).toEqual([
      { type: 'text-delta', delta: 'a' },
      { type: 'tool-call', name: 'ping', arguments: {} },
      { type: 'finish', reason: 'tool-calls', usage: expect.objectContaining({ outputTokens: 4 }) },
    ]);
  });

  test('any other special token ends the reply', async () => {
    expect(await run([0, 3], '[TOOL_CALLS]', [4])).toEqual([
      { type: 'text-delta', delta: 'a' },
      { type: 'finish', reason: 'stop', usage: expect.objectContaining({ outputTokens: 1 }) },
    ]);
  });
});
