import { describe, expect, it } from 'vitest';
import { evaluateKnowledgeRetrieval } from '../../../engine/knowledge/evaluate-knowledge-retrieval.ts';
import { parseKnowledgeEvalLines } from '../../../engine/knowledge/knowledge-eval-line.ts';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';

// Keyword search alone, so that which passages come back is plain from the words.
const kb = createMemoryKnowledgeBase({
  encoder: null,
  documents: [
    { file: 'policies/returns.md', content: '# Returns\n## Window\nItems can be returned within 30 days.' },
    { file: 'shipping.md', content: '# Shipping\n## Costs\nStandard shipping costs $5.99.' },
  ],
});

describe('evaluateKnowledgeRetrieval', () => {
  it('counts a question as retrieved when its document is among the top k, by path or file name', async () => {
    const report = await evaluateKnowledgeRetrieval({
      kb,
      lines: [
        { question: 'how long to return an item?', doc: 'returns.md' },
        { question: 'how long to return an item?', doc: 'policies/returns.md' },
        { question: 'what does shipping cost?', doc: 'shipping.md' },
        { question: 'what does shipping cost?', doc: 'warranty.md' },
      ],
    });
    expect(report).toMatchObject({ k: 5, questions: 4, retrieved: 3, recall: 0.75, recallAt1: 0.75 });
    expect(report.searchMs).toBeGreaterThanOrEqual(0);
    expect(report.misses).toEqual([
      { question: 'what does shipping cost?', doc: 'warranty.md', found: ['shipping.md'] },
    ]);
  });

  it('looks only at the first k results', async () => {
    const question = 'can items be returned within 30 days of shipping?';
    const [, second] = await kb.search(question, 2);
    const lines = [{ question, doc: second!.file }];
    expect((await evaluateKnowledgeRetrieval({ kb, lines, k: 1 })).recall).toBe(0);
    expect((await evaluateKnowledgeRetrieval({ kb, lines, k: 2 })).recall).toBe(1);
  });
});

describe('parseKnowledgeEvalLines', () => {
  it('reads one question per line and skips blank lines', () => {
    const text =
      '{"question": "q1", "doc": "a.md", "answer_contains": ["x"]}\n\n{"question": "q2", "doc": "b.md", "answer_contains": ["y", "z"]}\n';
    expect(parseKnowledgeEvalLines({ text })).toEqual([
      { question: 'q1', doc: 'a.md', answer_contains: ['x'] },
      { question: 'q2', doc: 'b.md', answer_contains: ['y', 'z'] },
    ]);
  });

  it.each([
    ['not json', /eval\.jsonl line 2: not JSON/],
    ['{"doc": "a.md", "answer_contains": ["x"]}', /line 2: question/],
    ['{"question": "q", "answer_contains": ["x"]}', /line 2: doc/],
    ['{"question": "q", "doc": "a.md", "answer_contains": []}', /line 2: answer_contains/],
  ])('names the line and field of a bad line: %s', (bad, message) => {
    const text = `{"question": "q", "doc": "a.md", "answer_contains": ["x"]}\n${bad}`;
    expect(() => parseKnowledgeEvalLines({ text, source: 'eval.jsonl' })).toThrow(message);
    expect(() => parseKnowledgeEvalLines({ text })).toThrow(expect.objectContaining({ name: 'InputError' }));
  });
});
