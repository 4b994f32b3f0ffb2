import { encode } from 'gpt-3-encoder';
import { describe, expect, it } from 'vitest';
import { createJsonSchemaConstraint } from '../../../../engine/llm/constrained/create-json-schema-constraint.ts';
import { createToolCallConstraint } from '../../../../engine/llm/constrained/create-tool-call-constraint.ts';
import { advanceStateBytes } from '../../../../engine/llm/constrained/matcher-state.ts';
import { compileGrammar } from '../../../../engine/llm/constrained/grammar.ts';
import type { GrammarConstraint } from '../../../../engine/llm/constrained/grammar-constraint.ts';
import { vocabularyIndexOf } from '../../../../engine/llm/constrained/vocabulary-index.ts';
import type { ConstrainedTool } from '../../../../engine/llm/tool-call-format.ts';
import { gpt2Vocabulary } from './gpt2-vocabulary.ts';

const vocabulary = gpt2Vocabulary();
const encoder = new TextEncoder();

const tools: ConstrainedTool[] = [
  {
    name: 'create_return',
    parameters: {
      type: 'object',
      properties: {
        order_id: { type: 'string', pattern: '^\\d{5}$' },
        reason: { type: 'string', minLength: 1, maxLength: 500 },
      },
      required: ['order_id', 'reason'],
      additionalProperties: false,
    },
  },
  {
    name: 'get_order_status',
    parameters: {
      type: 'object',
      properties: {
        order_id: { type: 'string', enum: ['45210', '45211'] },
        verbose: { type: 'boolean' },
        limit: { type: 'integer', minimum: 1, maximum: 20 },
      },
      required: ['order_id'],
    },
  },
];

/** The mask by brute force: every non-special token simulated on its own from the state. */
function bruteForceMask(prefix: Uint8Array): Uint8Array {
  const grammar = compileGrammar([
    { text: '\n', optional: true },
    { schema: toolSchema() },
    { text: '\n', optional: true },
    { text: '</tool_call>' },
  ]);
  const state = advanceStateBytes(grammar.start, prefix);
  const mask = new Uint8Array(vocabulary.size);
  for (let id = 0; id < vocabulary.size; id++) {
    const bytes = vocabulary.bytes(id);
    if (!vocabulary.isSpecial(id) && bytes.length > 0 && advanceStateBytes(state, bytes).length > 0)
      mask[id] = 1;
  }
  return mask;
}

function toolSchema() {
  return {
    anyOf: tools.map((tool) => ({
      type: 'object',
      properties: { name: { const: tool.name }, arguments: tool.parameters },
      required: ['name', 'arguments'],
      additionalProperties: false,
    })),
  };
}

/** A hermes-style constraint advanced through `prefix`, token by token as GPT-2 splits it (bytes given raw are fed as single-byte tokens). */
function constraintAfter(prefix: Uint8Array): GrammarConstraint {
  const constraint = createToolCallConstraint(tools, vocabulary, {
    leading: '\n',
    trailing: '\n',
    closing: '</tool_call>',
  });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(prefix);
  if (
    encoder.encode(text).length === prefix.length &&
    encoder.encode(text).every((b, i) => b === prefix[i])
  ) {
    for (const id of encode(text)) constraint.advance(id);
  } else {
    for (const byte of prefix) constraint.advance(singleByteToken(byte));
  }
  return constraint;
}

const singleByte = new Map<number, number>();
for (let id = 0; id < vocabulary.size; id++) {
  const bytes = vocabulary.bytes(id);
  if (bytes.length === 1 && !singleByte.has(bytes[0]!)) singleByte.set(bytes[0]!, id);
}
const singleByteToken = (byte: number): number => singleByte.get(byte)!;

describe('GrammarConstraint over the GPT-2 vocabulary', () => {
  const prefixes: [string, Uint8Array][] = [
    ['start', encoder.encode('')],
    ['after the newline', encoder.encode('\n')],
    ['in the name', encoder.encode('\n{"name": "get_')],
    ['before the arguments', encoder.encode('\n{"name": "create_return", ')],
    ['in the five-digit id', encoder.encode('\n{"name": "create_return", "arguments": {"order_id": "452')],
    [
      'at the start of a free string',
      encoder.encode('\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "'),
    ],
    [
      'inside a free string',
      encoder.encode('\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "the zip'),
    ],
    [
      'after a backslash',
      encoder.encode('\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "a\\'),
    ],
    [
      'inside a UTF-8 character',
      Uint8Array.from([
        ...encoder.encode('\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "'),
        0xe6,
        0x97,
      ]),
    ],
    [
      'near maxLength',
      encoder.encode(
        `\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "${'x'.repeat(495)}`,
      ),
    ],
    [
      'at an optional enum and integer',
      encoder.encode('\n{"name": "get_order_status", "arguments": {"order_id": "45211", '),
    ],
    [
      'in a bounded integer',
      encoder.encode('\n{"name": "get_order_status", "arguments": {"order_id": "45211", "limit": 1'),
    ],
    [
      'before the closing tag',
      encoder.encode('\n{"name": "get_order_status", "arguments": {"order_id": "45211"}}'),
    ],
  ];

  it.each(prefixes)('computes the same mask as brute force %s', (_, prefix) => {
    const mask = constraintAfter(prefix).mask();
    const expected = bruteForceMask(prefix);
    const diff: number[] = [];
    for (let id = 0; id < vocabulary.size; id++) if (mask[id] !== expected[id]) diff.push(id);
    expect(diff.map((id) => new TextDecoder().decode(vocabulary.bytes(id)))).toEqual([]);
    expect(mask.indexOf(1)).toBeGreaterThanOrEqual(0);
  });

  it('lets ^\\d{5}$ take exactly five digits, then only the closing quote', () => {
    const texts = (prefix: string) => {
      const mask = constraintAfter(encoder.encode(prefix)).mask();
      const allowed: string[] = [];
      for (let id = 0; id < vocabulary.size; id++)
        if (mask[id] === 1) allowed.push(new TextDecoder().decode(vocabulary.bytes(id)));
      return allowed;
    };
    const base = '\n{"name": "create_return", "arguments": {"order_id": "';
    const start = texts(base);
    expect(start.every((t) => /^\d{1,5}("|$)/.test(t))).toBe(true);
    expect(start).toContain('452');
    const four = texts(`${base}4521`);
    expect(four.length).toBeGreaterThan(0);
    expect(four.every((t) => /^\d(?!\d)/.test(t))).toBe(true);
    expect(texts(`${base}45210`).every((t) => t.startsWith('"'))).toBe(true);
  });

  it('never allows the special token and forbids it in advance()', () => {
    const constraint = constraintAfter(
      encoder.encode('\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "'),
    );
    expect(constraint.mask()[50256]).toBe(0);
    expect(() => constraint.advance(50256)).toThrow(
      expect.objectContaining({ name: 'ConstraintViolationError' }),
    );
  });

  it('rejects a forbidden token with the text so far, and keeps its state', () => {
    const constraint = constraintAfter(encoder.encode('\n{"name": "'));
    const bad = encode('delete')[0]!;
    expect(constraint.mask()[bad]).toBe(0);
    expect(() => constraint.advance(bad)).toThrow(/after "\\n\{\\"name\\": \\""/);
    constraint.advance(encode('create')[0]!);
    expect(constraint.text).toBe('\n{"name": "create');
  });

  it('finishes exactly after the closing tag, then allows nothing', () => {
    const constraint = constraintAfter(
      encoder.encode('\n{"name": "get_order_status", "arguments": {"order_id": "45211"}}\n</tool_call'),
    );
    expect(constraint.finished).toBe(false);
    constraint.advance(encode('>')[0]!);
    expect(constraint.finished).toBe(true);
    expect(constraint.mask().indexOf(1)).toBe(-1);
    expect(() => constraint.advance(encode('x')[0]!)).toThrow(/finished/);
  });

  it('serves a repeated state from the cache (same grammar, later generation), sparse masks included', () => {
    const masks = vocabularyIndexOf(vocabulary).masks;
    for (const prefix of [
      '\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "a',
      '\n{"name": "get_',
    ]) {
      const first = constraintAfter(encoder.encode(prefix)).mask().slice();
      const before = masks.size;
      expect(constraintAfter(encoder.encode(prefix)).mask()).toEqual(first);
      expect(masks.size).toBe(before);
    }
    const before = masks.size;
    const longer = constraintAfter(
      encoder.encode('\n{"name": "create_return", "arguments": {"order_id": "45210", "reason": "ab'),
    );
    longer.mask();
    expect(masks.size).toBe(before);
  });

  it('constrains a plain JSON schema document', () => {
    const constraint = createJsonSchemaConstraint(
      { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
      vocabulary,
    );
    for (const id of encode('{"ok": true}')) constraint.advance(id);
    expect(constraint.finished).toBe(true);
    expect(JSON.parse(constraint.text)).toEqual({ ok: true });
  });
});

describe('GrammarConstraint in pattern strings (automaton walk) over the GPT-2 vocabulary', () => {
  const email =
    "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$";
  const schema = {
    type: 'object',
    properties: {
      email: { type: 'string', pattern: email, maxLength: 40 },
      note: { type: 'string', pattern: '^[a-zäöü😀 ]+$', minLength: 3, maxLength: 12 },
    },
    required: ['email', 'note'],
  };

  const prefixes: [string, Uint8Array][] = [
    ['at the start of an e-mail', encoder.encode('{"email": "')],
    ['after the @', encoder.encode('{"email": "ann.lee@')],
    ['after a domain dot', encoder.encode('{"email": "ann.lee@shop.')],
    ['near maxLength', encoder.encode(`{"email": "${'a'.repeat(30)}@b.`)],
    ['below minLength', encoder.encode('{"email": "a@b.co", "note": "ä')],
    [
      'inside a UTF-8 character',
      Uint8Array.from([...encoder.encode('{"email": "a@b.co", "note": "ab'), 0xc3]),
    ],
    ['near maxLength with a 4-byte character', encoder.encode('{"email": "a@b.co", "note": "abc😀 xyzw')],
  ];

  it.each(prefixes)('computes the same mask as brute force %s', (_, prefix) => {
    const constraint = createJsonSchemaConstraint(schema, vocabulary);
    for (const byte of prefix) constraint.advance(singleByteToken(byte));
    const mask = constraint.mask();
    const state = advanceStateBytes(compileGrammar([{ schema }]).start, prefix);
    const diff: string[] = [];
    for (let id = 0; id < vocabulary.size; id++) {
      const bytes = vocabulary.bytes(id);
      const expected =
        !vocabulary.isSpecial(id) && bytes.length > 0 && advanceStateBytes(state, bytes).length > 0 ? 1 : 0;
      if (mask[id] !== expected) diff.push(new TextDecoder().decode(bytes));
    }
    expect(diff).toEqual([]);
    expect(mask.indexOf(1)).toBeGreaterThanOrEqual(0);
  });
});
