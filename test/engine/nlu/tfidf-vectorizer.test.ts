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

  it('counts words seen only in background texts against familiarity, and unseen words by their weight', () => {
    const fitted = (unseenWordWeight: number) =>
      fitTfidfVectorizer(['where is my order', 'cancel my order', 'what is the weather today'], defaultTfidfOptions, {
        backgroundFrom: 2,
        unseenWordWeight,
      }).vectorizer;
    const strict = fitted(1);
    const offTopic = [...strict.familiarityScope.offTopicWords].map((i) => strict.vocabulary[i]);
    expect(offTopic.sort()).toEqual(['w:the', 'w:today', 'w:weather', 'w:what']);
    expect(strict.analyze('where is my order').familiarity).toBe(1);
    expect(strict.analyze('the weather today').familiarity).toBe(0);
    const order = strict.wordIdf('order')!;
    const mixed = order ** 2 / (order ** 2 + strict.unseenIdf ** 2);
    expect(strict.analyze('order weather').familiarity).toBeCloseTo(mixed, 12);
    expect(strict.analyze('order qqq').familiarity).toBeCloseTo(mixed, 12);
    const lenient = fitted(0);
    expect(lenient.familiarityScope.unseenWordWeight).toBe(0);
    expect(lenient.analyze('order qqq').familiarity).toBe(1);
    expect(lenient.analyze('order weather').familiarity).toBeCloseTo(mixed, 12);
    expect(lenient.analyze('qqq').familiarity).toBe(0);
    expect(vectorizer.familiarityScope.offTopicWords).toHaveLength(0);
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
