import { describe, expect, it } from 'vitest';
import { defaultTfidfOptions, fitTfidfVectorizer } from '../../../engine/nlu/tfidf-vectorizer.ts';

const texts = ['where is my order', 'cancel my order', 'hello there'];

function norm(values: Float32Array): number {
  return Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
}

describe('fitTfidfVectorizer', () => {
  const { vectorizer, vectors } = fitTfidfVectorizer(texts, defaultTfidfOptions);

  it('builds word unigrams, bigrams and padded character n-grams', () => {
    expect(vectorizer.vocabulary).toContain('w:order');
    expect(vectorizer.vocabulary).toContain('w:my order');
    expect(vectorizer.vocabulary).toContain(' or');
    expect(vectorizer.vocabulary).toContain('der ');
    expect(vectorizer.vocabulary).not.toContain('w:order cancel');
  });

  it('gives rarer n-grams a larger idf', () => {
    const idf = (key: string) => vectorizer.idf[vectorizer.vocabulary.indexOf(key)]!;
    expect(idf('w:hello')).toBeGreaterThan(idf('w:order'));
  });

  it('produces unit-length vectors with ascending indices', () => {
    for (const vector of [...vectors, vectorizer.analyze('my order, hello').vector]) {
      expect(norm(vector.values)).toBeCloseTo(1, 5);
      for (let i = 1; i < vector.indices.length; i++)
        expect(vector.indices[i]!).toBeGreaterThan(vector.indices[i - 1]!);
    }
  });

  it('vectorises a training text the same way it was fitted', () => {
    expect(vectorizer.analyze(texts[0]!).vector).toEqual(vectors[0]);
  });

  it('measures how familiar the words are', () => {
    expect(vectorizer.analyze('order hello').familiarity).toBe(1);
    expect(vectorizer.analyze('qqq zzz').familiarity).toBe(0);
    const partly = vectorizer.analyze('my order please').familiarity;
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(1);
    expect(vectorizer.analyze('').vector.indices.length).toBe(0);
  });

  it('keeps only the most frequent features when maxFeatures is set', () => {
    const small = fitTfidfVectorizer(texts, { ...defaultTfidfOptions, maxFeatures: 3 }).vectorizer;
    expect(small.vocabulary).toHaveLength(3);
    const idfOf = (key: string) => vectorizer.idf[vectorizer.vocabulary.indexOf(key)]!;
    const largestKept = Math.max(...small.vocabulary.map(idfOf));
    const dropped = vectorizer.vocabulary.filter((key) => !small.vocabulary.includes(key));
    expect(Math.min(...dropped.map(idfOf))).toBeGreaterThanOrEqual(largestKept);
    expect(small.vocabulary.map(idfOf)).toEqual([...small.idf]);
  });
});
