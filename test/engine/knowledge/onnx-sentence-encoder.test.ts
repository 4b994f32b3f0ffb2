import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryKnowledgeBase } from '../../../engine/knowledge/memory-knowledge-base.ts';
import { createOnnxSentenceEncoder } from '../../../engine/knowledge/onnx-sentence-encoder.ts';
import { cosineSimilarity } from '../../../engine/knowledge/rerank-with-encoder.ts';
import { loadWordPieceTokenizer } from '../../../engine/knowledge/word-piece-tokenizer.ts';

/** A tiny WordPiece tokenizer and ONNX embedding model built by `build-fixture-encoder.py` (topics as dimensions). */
const fixture = join(import.meta.dirname, '../../fixtures/tiny-encoder');

describe('loadWordPieceTokenizer', () => {
  it('reads a tokenizer.json: lower case, punctuation apart, "##" pieces, [CLS] … [SEP], [UNK] for the rest', () => {
    const tokenizer = loadWordPieceTokenizer({ path: join(fixture, 'tokenizer.json') });
    const vocab = (JSON.parse(readFileSync(join(fixture, 'tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number> } }).model.vocab;
    const ids = (...tokens: string[]) => tokens.map((t) => vocab[t]!);
    expect(tokenizer.encode('Parcels?').ids).toEqual(ids('[CLS]', 'parcel', '##s', '?', '[SEP]'));
    expect(tokenizer.encode('zebra refund').ids).toEqual(ids('[CLS]', '[UNK]', 'refund', '[SEP]'));
    expect(tokenizer.padId).toBe(vocab['[PAD]']);
  });

  it('names the file when it is not a WordPiece tokenizer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-tokenizer-'));
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({ model: { type: 'BPE', vocab: {} } }));
    expect(() => loadWordPieceTokenizer({ path: join(dir, 'tokenizer.json') })).toThrow(
      expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining('WordPiece') }),
    );
  });
});

describe('createOnnxSentenceEncoder', () => {
  it('runs the model in onnxruntime and mean-pools: words of one meaning are close, others apart', async () => {
    const encoder = await createOnnxSentenceEncoder({ dir: fixture, batchSize: 2 });
    expect(encoder.provider).toBe('onnx:tiny-encoder');
    const [moneyBack, refund, parcel] = await encoder.embed(['money back', 'a refund', 'the parcel']);
    expect(cosineSimilarity(moneyBack!, refund!)).toBeGreaterThan(0.9);
    expect(cosineSimilarity(moneyBack!, parcel!)).toBeLessThan(0.2);
  });

  it('plugs into a knowledge base as the dense side of hybrid search, finding by meaning what words miss', async () => {
    const documents = [
      { file: 'delivery.md', content: '# Delivery\n## Couriers\nA courier brings each package within 3 days.' },
      { file: 'refunds.md', content: '# Refunds\n## Repayment\nOnce the warehouse in Ohio has checked the item you sent, we repay you within 3 days.' },
    ];
    const question = 'when do I get my money back, in how many days?';
    const index = { analyzer: { synonyms: [] } };
    const keywords = createMemoryKnowledgeBase({ documents, index, encoder: null });
    expect((await keywords.search(question))[0]!.file).toBe('delivery.md');
    const encoder = await createOnnxSentenceEncoder({ dir: fixture });
    // An encoder trusted more than the shipped SIF one gets more weight in the fusion.
    const hybrid = createMemoryKnowledgeBase({ documents, index, encoder, hybrid: { denseWeight: 2 } });
    const [best] = await hybrid.search(question);
    expect(best!.file).toBe('refunds.md');
    expect(best!.similarity).toBeGreaterThan(0.5);
  });

  it('names the missing model file in a ConfigError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-encoder-'));
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({ model: { type: 'WordPiece', vocab: { '[UNK]': 0 } } }));
    await expect(createOnnxSentenceEncoder({ dir })).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringContaining(join(dir, 'onnx', 'model.onnx')),
    });
  });
});
