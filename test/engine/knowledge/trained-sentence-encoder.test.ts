import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/contracts/errors/config-error.ts';
import { cosineSimilarity } from '../../../engine/knowledge/rerank-with-encoder.ts';
import { createTrainedSentenceEncoder, hasTrainedSentenceEncoder } from '../../../engine/knowledge/trained-sentence-encoder.ts';

describe('createTrainedSentenceEncoder (the shipped model)', () => {
  it('ships its model', () => {
    expect(hasTrainedSentenceEncoder()).toBe(true);
  });

  it('puts a paraphrase nearer than an unrelated request', { timeout: 30_000 }, async () => {
    const encoder = await createTrainedSentenceEncoder();
    const [quit, cancel, track] = await encoder.embed(['how do I quit my membership', 'cancel Plus', 'track my parcel']);
    expect(cosineSimilarity(quit!, cancel!)).toBeGreaterThan(cosineSimilarity(quit!, track!));
    const [expire, runOut, hours] = await encoder.embed(['when does my gift card expire', 'my gift card ran out', 'what are your opening hours']);
    expect(cosineSimilarity(runOut!, expire!)).toBeGreaterThan(cosineSimilarity(runOut!, hours!));
  });

  it('gives one text the same vector alone and in a batch of longer texts', { timeout: 30_000 }, async () => {
    const encoder = await createTrainedSentenceEncoder({ batchSize: 4 });
    const [alone] = await encoder.embed(['my discount code does not work']);
    const batch = await encoder.embed([
      'Promo codes are applied at checkout and one code can be used per order, so enter it before you pay.',
      'my discount code does not work',
      'Returns are free within 30 days.',
    ]);
    expect(alone!.length).toBe(batch[1]!.length);
    expect(alone!.length).toBeGreaterThan(0);
    for (let i = 0; i < alone!.length; i++) expect(batch[1]![i]).toBeCloseTo(alone![i]!, 4);
    expect(cosineSimilarity(batch[0]!, batch[1]!)).toBeLessThan(0.9999);
  });

  it('embeds a text without known words as zeros', { timeout: 30_000 }, async () => {
    const encoder = await createTrainedSentenceEncoder();
    const [empty] = await encoder.embed(['§§ ¶¶']);
    expect(empty!.every((v) => v === 0)).toBe(true);
  });

  it('names a missing model file in a ConfigError', async () => {
    await expect(createTrainedSentenceEncoder({ path: '/nonexistent/model.onnx' })).rejects.toBeInstanceOf(ConfigError);
    await expect(createTrainedSentenceEncoder({ path: '/nonexistent/model.onnx' })).rejects.toThrow('/nonexistent/model.onnx');
  });
});
