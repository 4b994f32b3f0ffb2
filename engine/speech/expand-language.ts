import type { PhraseItem, SpeechLanguage, SpeechPhrase } from './speech-language.ts';

/** Options of {@link expandLanguage}. */
export interface ExpandLanguageOptions {
  /** Sentences made from each phrase of weight 1 (a phrase of weight w gives w times as many). Default 3. */
  perPhrase?: number;
  /** Items a `repeat` stands for. Default 5 (a five-digit number). */
  repeatCount?: number;
  /** Seed of the choice of class alternatives. Default 1. */
  seed?: number;
}

/**
 * Sentences of a {@link SpeechLanguage}, as word lists: each phrase spoken several times with its classes filled
 * by alternatives taken in turn (and at random past the first round), so every alternative of a class appears.
 * What a statistical language model is trained on.
 */
export function expandLanguage(language: SpeechLanguage, options: ExpandLanguageOptions = {}): string[][] {
  const perPhrase = options.perPhrase ?? 3;
  const repeatCount = options.repeatCount ?? 5;
  let state = options.seed ?? 1;
  const random = () => {
    // mulberry32: small, seeded, good enough to pick alternatives.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const turn = new Map<string, number>();
  const pickFrom = (name: string): SpeechPhrase | undefined => {
    const alternatives = language.classes[name] ?? [];
    if (alternatives.length === 0) return undefined;
    const n = turn.get(name) ?? 0;
    turn.set(name, n + 1);
    return n < alternatives.length ? alternatives[n] : alternatives[Math.floor(random() * alternatives.length)];
  };
  const fill = (items: SpeechPhrase, depth: number): string[] | undefined => {
    const out: string[] = [];
    for (const item of items) {
      const words = fillItem(item, depth);
      if (words === undefined) return undefined;
      out.push(...words);
    }
    return out;
  };
  const fillItem = (item: PhraseItem, depth: number): string[] | undefined => {
    if (depth > 8) return undefined;
    if (typeof item === 'string') return [item];
    if ('optional' in item) return random() < 0.5 ? [] : fillItem(item.optional, depth + 1);
    if ('repeat' in item) {
      const out: string[] = [];
      for (let i = 0; i < repeatCount; i++) {
        const words = fillItem(item.repeat, depth + 1);
        if (words === undefined) return undefined;
        out.push(...words);
      }
      return out;
    }
    const chosen = pickFrom(item.class);
    return chosen ? fill(chosen, depth + 1) : undefined;
  };
  const sentences: string[][] = [];
  for (const phrase of language.phrases) {
    const hasClass = phrase.items.some((i) => typeof i !== 'string');
    const copies = Math.max(1, Math.round((hasClass ? perPhrase : 1) * (phrase.weight ?? 1)));
    for (let i = 0; i < copies; i++) {
      const words = fill(phrase.items, 0);
      if (words && words.length > 0) sentences.push(words);
    }
  }
  return sentences;
}
